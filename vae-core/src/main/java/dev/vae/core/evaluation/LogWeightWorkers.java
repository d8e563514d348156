package dev.vae.core.evaluation;

import dev.vae.core.graph.VaeGraph;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Turns blocks of draws into their {@link LogSums} on a fixed number of threads, each with its own plan of
 * the same graph's log-weights. Block i goes to thread i modulo the count, and every input, noise
 * included, is made before the work is handed out, so the results do not depend on the thread count.
 * Plans are built on the calling thread; where the graph cannot be planned, every block runs on the
 * calling thread through SameDiff's session.
 */
final class LogWeightWorkers implements AutoCloseable {
    private static final AtomicInteger THREAD_NUMBER = new AtomicInteger();

    private final List<ForwardPlans> plans = new ArrayList<>();
    private final ExecutorService pool;
    private boolean planned = true;

    /** A block: its placeholders, and how many of its samples count (the last block of an example may use fewer). */
    record Block(Map<String, INDArray> feed, int used) {
    }

    LogWeightWorkers(VaeGraph graph, int threads) {
        for (int i = 0; i < threads; i++) {
            plans.add(new ForwardPlans(graph.sameDiff(), List.of(VaeGraph.LOG_WEIGHTS)));
        }
        pool = threads == 1 ? null : Executors.newFixedThreadPool(threads, task -> {
            Thread t = new Thread(task, "vae-evaluation-" + THREAD_NUMBER.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
    }

    /** The sums of each block, in the order given. */
    List<LogSums> run(List<Block> blocks) {
        LogSums[] sums = new LogSums[blocks.size()];
        if (pool == null || !prepare(blocks)) {
            for (int i = 0; i < blocks.size(); i++) {
                sums[i] = sums(plans.get(0), blocks.get(i));
            }
            return Arrays.asList(sums);
        }
        List<Future<?>> running = new ArrayList<>();
        for (int w = 0; w < plans.size(); w++) {
            int first = w;
            running.add(pool.submit(() -> {
                for (int i = first; i < blocks.size(); i += plans.size()) {
                    sums[i] = sums(plans.get(first), blocks.get(i));
                }
            }));
        }
        for (Future<?> f : running) {
            await(f);
        }
        return Arrays.asList(sums);
    }

    /** Builds every plan the blocks need on this thread; false once the graph is known not to plan. */
    private boolean prepare(List<Block> blocks) {
        for (int i = 0; i < blocks.size() && planned; i++) {
            planned = plans.get(i % plans.size()).prepare(blocks.get(i).feed());
        }
        return planned;
    }

    private static LogSums sums(ForwardPlans plans, Block block) {
        return LogSums.of(plans.output(block.feed()).get(VaeGraph.LOG_WEIGHTS), block.used());
    }

    private static void await(Future<?> f) {
        try {
            f.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while evaluating", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            if (e.getCause() instanceof Error err) {
                throw err;
            }
            throw new IllegalStateException(e.getCause());
        }
    }

    @Override
    public void close() {
        if (pool != null) {
            pool.shutdownNow();
        }
    }
}
