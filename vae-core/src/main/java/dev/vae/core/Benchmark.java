package dev.vae.core;

import dev.vae.core.data.ImageSet;
import dev.vae.core.graph.VaeGraph;
import dev.vae.core.training.EpochBatches;
import dev.vae.core.training.StepProfiler;
import dev.vae.core.training.Trainer;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.rng.Random;

/**
 * Measures training and evaluation throughput of a configuration on real data: the same steps as
 * {@link Vae#train}, timed after a warm-up that lets the JIT compile and ND4J allocate its buffers.
 */
public final class Benchmark {
    private static final int WARM_UP_STEPS = 30;
    /** A profile takes about a third of the timed steps' time: its steps run the plan's ops twice. */
    private static final int PROFILE_SHARE = 4;
    private static final int MIN_PROFILE_STEPS = 20;
    private static final int MAX_PROFILE_STEPS = 2000;

    private Benchmark() {
    }

    /**
     * The throughput figures of one measurement.
     *
     * @param trainSamplesPerSecond examples per second through training steps (forward, backward, update)
     * @param evalSamplesPerSecond examples per second through the per-example NELBO
     * @param trainSteps the timed training steps
     * @param trainSeconds their wall-clock time
     * @param profile where a training step's time goes, when asked for
     */
    public record Result(double trainSamplesPerSecond, double evalSamplesPerSecond, long trainSteps, double trainSeconds,
                         Optional<StepProfile> profile) {
    }

    /**
     * Runs training steps for about {@code seconds}, then evaluation for about half as long, then, if
     * {@code profile}, profiles some more training steps.
     *
     * @param data the examples to draw batches from, cycled in shuffled epochs
     */
    public static Result run(Vae vae, VaeConfig config, ImageSet data, double seconds, boolean profile) {
        return run(vae, config, data, seconds, profile, Trainer.defaultThreads());
    }

    /**
     * As {@link #run(Vae, VaeConfig, ImageSet, double, boolean)}, with each training step split over
     * {@code threads} threads.
     */
    public static Result run(Vae vae, VaeConfig config, ImageSet data, double seconds, boolean profile, int threads) {
        VaeGraph graph = vae.newGraph(config, VaeGraph.dataShape(data.rows(), data.cols()), DataType.FLOAT);
        Trainer trainer = new Trainer(graph, Map.of(), 0, threads);
        Batches batches = new Batches(data, graph, config);
        for (int i = 0; i < WARM_UP_STEPS; i++) {
            trainer.step(batches.get());
        }
        long examples = 0;
        long steps = 0;
        long start = System.nanoTime();
        long deadline = start + (long) (seconds * 1e9);
        while (System.nanoTime() < deadline) {
            Map<String, INDArray> feed = batches.get();
            trainer.step(feed);
            examples += feed.get(VaeGraph.X).rows();
            steps++;
        }
        double trainSeconds = (System.nanoTime() - start) / 1e9;
        double evalRate = evalRate(graph, data, seconds / 2, batches.noise);
        Optional<StepProfile> stepProfile = profile ? Optional.of(StepProfiler.profile(graph, batches,
                (int) Math.max(MIN_PROFILE_STEPS, Math.min(MAX_PROFILE_STEPS, steps / PROFILE_SHARE))))
                : Optional.empty();
        return new Result(examples / trainSeconds, evalRate, steps, trainSeconds, stepProfile);
    }

    /** Batches of shuffled epochs, one after the other without end. */
    private static final class Batches implements Supplier<Map<String, INDArray>> {
        private final ImageSet data;
        private final VaeGraph graph;
        private final int batchSize;
        private final java.util.Random shuffle;
        private final Random noise;
        private EpochBatches epoch;

        Batches(ImageSet data, VaeGraph graph, VaeConfig config) {
            this.data = data;
            this.graph = graph;
            this.batchSize = config.batchSize();
            this.shuffle = new java.util.Random(config.seed());
            this.noise = SeededRandom.of(config.seed());
            this.epoch = new EpochBatches(data.images(), graph, batchSize, shuffle, noise);
        }

        @Override
        public Map<String, INDArray> get() {
            if (!epoch.hasNext()) {
                epoch = new EpochBatches(data.images(), graph, batchSize, shuffle, noise);
            }
            return epoch.next();
        }
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
