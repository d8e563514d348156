package dev.vae.core;

import dev.vae.core.data.ImageSet;
import dev.vae.core.graph.VaeGraph;
import dev.vae.core.training.EpochBatches;
import dev.vae.core.training.Trainer;
import java.util.Map;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.rng.Random;

/**
 * Measures training and evaluation throughput of a configuration on real data: the same steps as
 * {@link Vae#train}, timed after a warm-up that lets the JIT compile and ND4J allocate its buffers.
 */
public final class Benchmark {
    private static final int WARM_UP_STEPS = 30;

    private Benchmark() {
    }

    /**
     * The throughput figures of one measurement.
     *
     * @param trainSamplesPerSecond examples per second through training steps (forward, backward, update)
     * @param evalSamplesPerSecond examples per second through the per-example NELBO
     * @param trainSteps the timed training steps
     * @param trainSeconds their wall-clock time
     */
    public record Result(double trainSamplesPerSecond, double evalSamplesPerSecond, long trainSteps, double trainSeconds) {
    }

    /**
     * Runs training steps for about {@code seconds}, then evaluation for about half as long.
     *
     * @param data the examples to draw batches from, cycled in shuffled epochs
     */
    public static Result run(Vae vae, VaeConfig config, ImageSet data, double seconds) {
        return run(vae, config, data, seconds, Trainer.defaultThreads());
    }

    /**
     * As {@link #run(Vae, VaeConfig, ImageSet, double)}, with each training step split over
     * {@code threads} threads.
     */
    public static Result run(Vae vae, VaeConfig config, ImageSet data, double seconds, int threads) {
        VaeGraph graph = vae.newGraph(config, VaeGraph.dataShape(data.rows(), data.cols()), DataType.FLOAT);
        Trainer trainer = new Trainer(graph, Map.of(), 0, threads);
        java.util.Random shuffle = new java.util.Random(config.seed());
        Random noise = SeededRandom.of(config.seed());
        EpochBatches batches = new EpochBatches(data.images(), graph, config.batchSize(), shuffle, noise);
        for (int i = 0; i < WARM_UP_STEPS; i++) {
            batches = nextBatch(batches, data, graph, config, shuffle, noise);
            trainer.step(batches.next());
        }
        long examples = 0;
        long steps = 0;
        long start = System.nanoTime();
        long deadline = start + (long) (seconds * 1e9);
        while (System.nanoTime() < deadline) {
            batches = nextBatch(batches, data, graph, config, shuffle, noise);
            Map<String, INDArray> feed = batches.next();
            trainer.step(feed);
            examples += feed.get(VaeGraph.X).rows();
            steps++;
        }
        double trainSeconds = (System.nanoTime() - start) / 1e9;
        return new Result(examples / trainSeconds, evalRate(graph, data, seconds / 2, noise), steps, trainSeconds);
    }

    private static EpochBatches nextBatch(EpochBatches batches, ImageSet data, VaeGraph graph, VaeConfig config,
                                          java.util.Random shuffle, Random noise) {
        return batches.hasNext() ? batches : new EpochBatches(data.images(), graph, config.batchSize(), shuffle, noise);
    }

    private static double evalRate(VaeGraph graph, ImageSet data, double seconds, Random noise) {
        graph.perExample(VaeGraph.NELBO, data.images(), noise);
        long examples = 0;
        long start = System.nanoTime();
        long deadline = start + (long) (seconds * 1e9);
        while (System.nanoTime() < deadline || examples == 0) {
            graph.perExample(VaeGraph.NELBO, data.images(), noise);
            examples += data.size();
        }
        return examples / ((System.nanoTime() - start) / 1e9);
    }
}
