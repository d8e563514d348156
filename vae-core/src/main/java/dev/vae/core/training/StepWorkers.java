package dev.vae.core.training;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The threads that run the parts of a step beside the caller's: daemons, so that a library user's
 * process can end without closing anything, and dropped after a minute of idleness.
 */
final class StepWorkers {
    private static final AtomicInteger COUNT = new AtomicInteger();
    static final ExecutorService POOL = Executors.newCachedThreadPool(task -> {
        Thread t = new Thread(task, "vae-step-" + COUNT.incrementAndGet());
        t.setDaemon(true);
        return t;
    });

    private StepWorkers() {
    }
}
