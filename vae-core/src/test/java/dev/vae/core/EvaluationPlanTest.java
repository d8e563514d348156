package dev.vae.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.vae.core.data.DataSplit;
import dev.vae.core.evaluation.ForwardPlans;
import dev.vae.core.evaluation.ImportanceSampling;
import dev.vae.core.graph.VaeGraph;
import dev.vae.core.plugin.PluginChoice;
import dev.vae.core.training.Trainer;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.rng.Random;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * Evaluation through plans of the forward graph gives what SameDiff's session gives, bit for bit, and
 * importance sampling on two threads gives what it gives on one.
 */
class EvaluationPlanTest {
    private static final long SEED = 7;
    /** Three blocks of 100 rows and a last one of 50, so that two plan shapes are used. */
    private static final int ROWS = 350;
    private static Vae vae;
    private static INDArray x;

    @BeforeAll
    static void data() throws java.io.IOException {
        vae = Vae.create();
        INDArray images = DataSplit.embedded().test().images();
        x = images.get(NDArrayIndex.interval(0, ROWS), NDArrayIndex.all()).castTo(DataType.FLOAT);
    }

    private static VaeGraph tutorial() {
        return vae.newGraph(VaeConfig.builder().build(), VaeGraph.dataShape(28, 28), DataType.FLOAT);
    }

    private static VaeGraph convolutional() {
        return vae.newGraph(VaeConfig.builder().encoder(PluginChoice.parse("conv:channels=4"))
                .decoder(PluginChoice.parse("conv:channels=4")).build(), VaeGraph.dataShape(28, 28), DataType.FLOAT);
    }

    private static Random rng() {
        return Nd4j.getRandomFactory().getNewRandomInstance(SEED);
    }

    private static LikelihoodEstimate estimate(VaeGraph graph, int samples, int threads) {
        return ImportanceSampling.estimate(graph, x, samples, ImportanceSampling.ROWS_PER_BLOCK, threads, rng(),
                ProgressListener.NONE);
    }

    /** What {@code action} gives with every plan refused, as with {@code -Dvae.compiledStep=false}. */
    private static <T> T throughTheSession(Supplier<T> action) {
        System.setProperty(Trainer.PLAN_PROPERTY, "false");
        try {
            return action.get();
        } finally {
            System.clearProperty(Trainer.PLAN_PROPERTY);
        }
    }

    private static int[] bits(INDArray a) {
        float[] values = a.castTo(DataType.FLOAT).dup().data().asFloat();
        int[] bits = new int[values.length];
        for (int i = 0; i < values.length; i++) {
            bits[i] = Float.floatToRawIntBits(values[i]);
        }
        return bits;
    }

    private static void assertSameBits(LikelihoodEstimate actual, LikelihoodEstimate expected) {
        assertThat(bits(actual.negativeLogLikelihood())).containsExactly(bits(expected.negativeLogLikelihood()));
        assertThat(bits(actual.chiUpperBound())).containsExactly(bits(expected.chiUpperBound()));
    }

    @Test
    void theTutorialsLogWeightsArePlannedAndEqualTheSessionsBitForBit() {
        VaeGraph graph = tutorial().withSamples(100);
        Map<String, INDArray> feed = graph.feed(x.get(NDArrayIndex.interval(0, 100), NDArrayIndex.all()),
                graph.noise(100, rng()));
        ForwardPlans plans = new ForwardPlans(graph.sameDiff(), List.of(VaeGraph.LOG_WEIGHTS));

        assertThat(plans.prepare(feed)).isTrue();
        INDArray planned = plans.output(feed).get(VaeGraph.LOG_WEIGHTS).dup();
        INDArray session = graph.sameDiff().output(feed, VaeGraph.LOG_WEIGHTS).get(VaeGraph.LOG_WEIGHTS);

        assertThat(planned.shape()).containsExactly(100, 100);
        assertThat(bits(planned)).containsExactly(bits(session));
    }

    @Test
    void aGraphWithAnOpOffTheAllowlistIsNotPlannedAndFallsBackToTheSession() {
        SameDiff sd = SameDiff.create();
        sd.math.cos("wave", sd.placeHolder("in", DataType.FLOAT, -1, 3)).mul("out", 2.0);
        Map<String, INDArray> feed = Map.of("in", Nd4j.rand(DataType.FLOAT, 4, 3));
        ForwardPlans plans = new ForwardPlans(sd, List.of("out"));

        assertThat(plans.prepare(feed)).isFalse();
        assertThat(bits(plans.output(feed).get("out"))).containsExactly(bits(sd.output(feed, "out").get("out")));
    }

    @Test
    void theTutorialsEstimateThroughPlansEqualsTheSessionsBitForBit() {
        VaeGraph graph = tutorial();
        LikelihoodEstimate planned = estimate(graph, 250, 1);
        LikelihoodEstimate session = throughTheSession(() -> estimate(graph, 250, 1));

        assertSameBits(planned, session);
        assertThat(planned.negativeLogLikelihood().length()).isEqualTo(ROWS);
    }

    @Test
    void twoThreadsGiveTheEstimateOfOneBitForBitAndRunsRepeatIt() {
        VaeGraph graph = tutorial();
        LikelihoodEstimate one = estimate(graph, 250, 1);

        assertSameBits(estimate(graph, 250, 2), one);
        assertSameBits(estimate(graph, 250, 2), one);
        assertSameBits(estimate(graph, 250, 3), one);
    }

    @Test
    void aSingleBlockOfRowsIsSharedOverThreadsByItsSamplesWithTheSameResult() {
        VaeGraph graph = tutorial();
        INDArray few = x.get(NDArrayIndex.interval(0, 30), NDArrayIndex.all());
        Supplier<LikelihoodEstimate> one = () -> ImportanceSampling.estimate(graph, few, 300, 100, 1, rng(),
                ProgressListener.NONE);
        LikelihoodEstimate two = ImportanceSampling.estimate(graph, few, 300, 100, 2, rng(), ProgressListener.NONE);

        assertSameBits(two, one.get());
    }

    @Test
    void aConvolutionalModelsEstimateIsTheSameOnTwoThreadsThroughTheSession() {
        VaeGraph graph = convolutional();
        INDArray few = x.get(NDArrayIndex.interval(0, 30), NDArrayIndex.all());
        LikelihoodEstimate one = ImportanceSampling.estimate(graph, few, 30, 20, 1, rng(), ProgressListener.NONE);
        LikelihoodEstimate two = ImportanceSampling.estimate(graph, few, 30, 20, 2, rng(), ProgressListener.NONE);

        assertSameBits(two, one);
    }

    @Test
    void theEstimateIsTheLogMeanExpOfTheLogWeightsOfTheSameDraws() {
        VaeGraph graph = tutorial();
        INDArray rows = x.get(NDArrayIndex.interval(0, 40), NDArrayIndex.all());
        LikelihoodEstimate estimate = ImportanceSampling.estimate(graph, rows, 60, 40, 1, rng(), ProgressListener.NONE);

        VaeGraph block = graph.withSamples(60);
        INDArray logW = block.sameDiff().output(block.feed(rows, block.noise(40, rng())), VaeGraph.LOG_WEIGHTS)
                .get(VaeGraph.LOG_WEIGHTS).castTo(DataType.DOUBLE);
        INDArray max = logW.max(0);
        INDArray logMean = Transforms.log(Transforms.exp(logW.subRowVector(max)).mean(0)).add(max);
        INDArray logMeanSquares = Transforms.log(Transforms.exp(logW.mul(2).subRowVector(max.mul(2))).mean(0))
                .add(max.mul(2));

        for (int r = 0; r < 40; r++) {
            assertThat(estimate.negativeLogLikelihood().getDouble(r)).isCloseTo(-logMean.getDouble(r), within(1e-4));
            assertThat(estimate.chiUpperBound().getDouble(r)).isCloseTo(logMeanSquares.getDouble(r) / 2, within(1e-4));
        }
    }

    @Test
    void thePerExampleNelboThroughAPlanEqualsTheSessionsBitForBit() {
        VaeGraph graph = tutorial();
        INDArray planned = graph.perExample(VaeGraph.NELBO, x, rng());
        INDArray again = graph.perExample(VaeGraph.NELBO, x, rng());
        INDArray session = throughTheSession(() -> tutorial().perExample(VaeGraph.NELBO, x, rng()));

        assertThat(bits(planned)).containsExactly(bits(session)).containsExactly(bits(again));
    }

    @Test
    void fewerThanOneThreadIsRefused() {
        assertThatThrownBy(() -> estimate(tutorial(), 10, 0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("threads must be at least 1, got 0");
    }
}
