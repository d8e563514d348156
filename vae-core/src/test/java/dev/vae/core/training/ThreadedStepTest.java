package dev.vae.core.training;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vae.api.FeatureShape;
import dev.vae.core.Bits;
import dev.vae.core.ComponentConfigs;
import dev.vae.core.TestGraphs;
import dev.vae.core.VaeConfig;
import dev.vae.core.data.DataSplit;
import dev.vae.core.data.ImageSet;
import dev.vae.core.graph.VaeGraph;
import dev.vae.core.plugin.PluginChoice;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.autodiff.samediff.api.OutAndGrad;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.rng.Random;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/** A step split over threads: the parts' weighted gradients are the batch's, and a thread count always gives the same bits. */
class ThreadedStepTest {
    /**
     * Every divergence's loss is a mean over examples, so the gradient of a batch is the gradient of
     * its parts weighted by their sizes, up to rounding (here in double precision, parts of 4 and 3).
     */
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = ';', value = {
        "tutorial; normal; ; ; mlp:hidden=6; mlp:hidden=5; bernoulli; kl; 1",
        "IWAE; normal; ; ; mlp:hidden=6; mlp:hidden=5; bernoulli; alpha:alpha=0; 3",
        "alpha; normal; ; ; mlp:hidden=6; mlp:hidden=5; bernoulli; alpha; 2",
        "chi with its decoder objective; normal; ; ; mlp:hidden=6; mlp:hidden=5; bernoulli; chi; 3",
        "Laplace, Gaussian likelihood; laplace; ; ; mlp:hidden=6; mlp:hidden=5; gaussian; kl; 2",
        "Gumbel, chi; gumbel:categories=3,temperature=0.7; ; ; mlp:hidden=6; mlp:hidden=5; bernoulli; chi; 2",
        "mixture prior and planar flow; normal; mixture:components=2; planar:length=2; mlp:hidden=5; mlp:hidden=5; bernoulli; alpha; 2",
        "conv networks; normal; ; ; conv:channels=2,layers=2; conv:channels=2,layers=2; bernoulli; kl; 1"})
    void thePartsWeightedGradientsAreTheBatchs(String what, String sampler, String prior, String flow, String encoder,
                                              String decoder, String likelihood, String divergence, int samples) {
        VaeConfig config = ComponentConfigs.of(sampler, prior, flow, encoder, decoder, likelihood, divergence, samples);
        VaeGraph graph = TestGraphs.of(config, new FeatureShape(1, 5, 6), DataType.DOUBLE);
        SameDiff sd = graph.sameDiff();
        List<String> names = new ArrayList<>();
        graph.forEachParameter((name, array) -> names.add(name));
        INDArray x = Nd4j.rand(Nd4j.getRandomFactory().getNewRandomInstance(9), 7, 30).castTo(DataType.DOUBLE);
        Map<String, INDArray> feed = graph.feed(x, graph.noise(7, Nd4j.getRandomFactory().getNewRandomInstance(10)));

        OutAndGrad whole = sd.calculateGradientsAndOutputs(feed, List.of(VaeGraph.LOSS), names);
        List<BatchShards.Shard> shards = new BatchShards(sd, 2).split(feed);
        assertThat(shards).extracting(BatchShards.Shard::rows).containsExactly(4L, 3L);
        double[] shares = {4 / 7.0, 3 / 7.0};
        List<OutAndGrad> parts = new ArrayList<>();
        for (BatchShards.Shard shard : shards) {
            parts.add(sd.calculateGradientsAndOutputs(shard.feed(), List.of(VaeGraph.LOSS), names));
        }

        double loss = shares[0] * scalar(parts.get(0), VaeGraph.LOSS) + shares[1] * scalar(parts.get(1), VaeGraph.LOSS);
        assertThat(loss).isCloseTo(scalar(whole, VaeGraph.LOSS), org.assertj.core.data.Offset.offset(1e-12));
        for (String name : names) {
            INDArray summed = parts.get(0).getGradients().get(name).mul(shares[0])
                    .addi(parts.get(1).getGradients().get(name).mul(shares[1]));
            INDArray expected = whole.getGradients().get(name);
            double scale = 1 + expected.amaxNumber().doubleValue();
            assertThat(summed.sub(expected).amaxNumber().doubleValue()).as(name).isLessThan(1e-12 * scale);
        }
    }

    private static double scalar(OutAndGrad result, String name) {
        return result.getOutputs().get(name).getDouble(0);
    }

    @Test
    void theBatchAxisOfEachPlaceholderIsSplitAndAScalarIsShared() {
        VaeConfig config = VaeConfig.builder().latentDim(2).samples(2).hiddenDims(List.of(4))
                .sampler(PluginChoice.parse("gumbel:categories=3,temperature=0.7")).build();
        VaeGraph graph = TestGraphs.of(config, FeatureShape.vector(5), DataType.FLOAT);
        graph.enterEpoch(1);
        INDArray x = Nd4j.rand(DataType.FLOAT, 5, 5);
        INDArray eps = graph.noise(5, Nd4j.getRandomFactory().getNewRandomInstance(1));
        Map<String, INDArray> feed = graph.feed(x, eps);

        List<BatchShards.Shard> shards = new BatchShards(graph.sameDiff(), 3).split(feed);

        assertThat(shards).extracting(BatchShards.Shard::rows).containsExactly(2L, 2L, 1L);
        assertThat(shards.get(1).feed().get(VaeGraph.X)).isEqualTo(x.get(NDArrayIndex.interval(2, 4), NDArrayIndex.all()));
        String epsName = feed.entrySet().stream().filter(e -> e.getValue() == eps).findFirst().orElseThrow().getKey();
        assertThat(shards.get(2).feed().get(epsName)).isEqualTo(
                eps.get(NDArrayIndex.all(), NDArrayIndex.interval(4, 5), NDArrayIndex.all()));
        assertThat(feed).hasSizeGreaterThan(2);
        for (Map.Entry<String, INDArray> e : feed.entrySet()) {
            if (!e.getKey().equals(VaeGraph.X) && !e.getKey().equals(epsName)) {
                assertThat(shards.get(2).feed().get(e.getKey())).as(e.getKey()).isSameAs(e.getValue());
            }
        }
        assertThat(new BatchShards(graph.sameDiff(), 8).split(feed)).hasSize(5);
    }

    /**
     * Two threads give the same bits on every run, and the same bits whether the parts run through
     * plans on two threads or through SameDiff's session one after the other.
     */
    @Test
    void twoThreadsTakeTheSameStepsOnEveryRunThroughPlansOrTheSession() throws IOException {
        VaeConfig config = VaeConfig.builder().samples(3).divergence(PluginChoice.parse("chi")).build();
        List<VaeGraph> graphs = new ArrayList<>();
        List<Trainer> trainers = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            graphs.add(TestGraphs.of(config, VaeGraph.dataShape(28, 28), DataType.FLOAT));
            if (i == 2) {
                System.setProperty(Trainer.PLAN_PROPERTY, "false");
            }
            try {
                trainers.add(new Trainer(graphs.get(i), Map.of(), 0, 2));
            } finally {
                System.clearProperty(Trainer.PLAN_PROPERTY);
            }
        }
        ImageSet train = DataSplit.embedded().train().head(730);
        Random rng = Nd4j.getRandomFactory().getNewRandomInstance(9);
        for (int start = 0; start < train.size(); start += 100) {
            int end = Math.min(train.size(), start + 100);
            INDArray x = train.images().get(NDArrayIndex.interval(start, end), NDArrayIndex.all()).castTo(DataType.FLOAT).dup();
            INDArray eps = graphs.get(0).noise(end - start, rng);
            List<Trainer.Step> steps = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                steps.add(trainers.get(i).step(graphs.get(i).feed(x, eps)));
            }
            assertThat(trainers.get(0).planned()).isTrue();
            assertThat(trainers.get(2).planned()).isFalse();
            assertThat(steps).extracting(s -> Double.doubleToRawLongBits(s.loss())).as("loss at " + start)
                    .containsOnly(Double.doubleToRawLongBits(steps.get(0).loss()));
        }
        graphs.get(0).forEachParameter((name, array) -> {
            for (int i = 1; i < 3; i++) {
                assertThat(Bits.of(graphs.get(i).sameDiff().getArrForVarName(name))).as(name + ", trainer " + i)
                        .containsExactly(Bits.of(array));
            }
        });
    }

}
