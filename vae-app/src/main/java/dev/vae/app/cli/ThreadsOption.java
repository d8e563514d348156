package dev.vae.app.cli;

import dev.vae.core.Vae;
import picocli.CommandLine.Option;

/** {@code --threads N}: the threads a training step splits each batch over, or importance sampling its draws over. */
final class ThreadsOption {
    @Option(names = "--threads", paramLabel = "N",
            description = "Threads to compute on: a training step splits its batch over them (results are the same, "
                    + "bit for bit, for a given N), importance sampling its draws (the same for any N) "
                    + "(default: the cores, at most 2, divided by OMP_NUM_THREADS).")
    Integer threads;

    /** The thread count asked for, or the default. */
    int count() {
        if (threads == null) {
            return Vae.defaultThreads();
        }
        if (threads < 1 || threads > 64) {
            throw new UserError("--threads must be from 1 to 64, got " + threads);
        }
        return threads;
    }
}
