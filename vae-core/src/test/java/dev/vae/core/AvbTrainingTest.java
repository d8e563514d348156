package dev.vae.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.data.Offset.offset;

import dev.vae.api.FeatureShape;
import dev.vae.core.data.DataSplit;
import dev.vae.core.data.ImageSet;
import dev.vae.core.graph.VaeGraph;
import dev.vae.core.plugin.PluginChoice;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Adversarial variational Bayes as a part of the model: with a Gaussian q, whose ELBO is exact, it
 * trains to an ELBO near the analytic KL's; with an implicit q it trains, saves, loads, samples and is
 * evaluated through a Gaussian proposal, whose log-weights are exact where the proposal is the
 * posterior.
 */
class AvbTrainingTest {
    private static final Vae VAE = Vae.create();
    private static final int D = 5;
    private static final double VARIANCE = 0.5;

    @TempDir
    Path dir;

    @Test
    void withAGaussianQItReachesAnElboNearTheAnalyticKls() throws IOException {
        DataSplit data = DataSplit.embedded();
        ImageSet train = data.train().head(2000);
        ImageSet validation = data.test().head(500);
        VaeConfig kl = VaeConfig.builder().epochs(5).hiddenDims(List.of(128)).samples(2).seed(3).build();
        VaeConfig avb = kl.toBuilder().divergence(PluginChoice.parse("avb:hidden=128")).build();
        VaeConfig adaptive = kl.toBuilder().divergence(PluginChoice.parse("avb:hidden=128,contrast=adaptive")).build();

        double analytic = validationNelbo(kl, train, validation);
        List<EpochStats> seen = new ArrayList<>();
        double adversarial = VAE.train(avb, train, validation, seen::add).nelbo(validation.images(), 1)
                .meanNumber().doubleValue();
        double contrasted = validationNelbo(adaptive, train, validation);

        // The NELBO of a Gaussian q is exact whatever trained it. Against the prior, the discriminator's
        // bias costs several nats; against a Gaussian of q's own moments, next to nothing.
        assertThat(adversarial).isBetween(analytic - 2, analytic + 20);
        assertThat(contrasted).isBetween(analytic - 2, analytic + 2);
        assertThat(seen.get(4).validationNelbo()).isLessThan(seen.get(0).validationNelbo() - 10);
    }

    private static double validationNelbo(VaeConfig config, ImageSet train, ImageSet validation) throws IOException {
        return VAE.train(config, train, validation, stats -> { }).nelbo(validation.images(), 1).meanNumber().doubleValue();
    }

    @Test
    void anImplicitQTrainsSavesLoadsSamplesAndIsEvaluated() throws IOException {
        DataSplit data = DataSplit.embedded();
        ImageSet train = data.train().head(1000);
        ImageSet validation = data.test().head(200);
        VaeConfig config = VaeConfig.builder().epochs(3).hiddenDims(List.of(64)).seed(3)
                .sampler(PluginChoice.parse("implicit:features=16,noise=4,hidden=32"))
                .divergence(PluginChoice.parse("avb:hidden=64")).build();
        List<EpochStats> seen = new ArrayList<>();

        TrainedVae model = VAE.train(config, train, validation, seen::add);
        model.save(dir.resolve("model.vae"));
        TrainedVae loaded = VAE.load(dir.resolve("model.vae"));

        assertThat(seen.get(2).validationNelbo()).isLessThan(seen.get(0).validationNelbo());
        assertThat(loaded.posteriorHasDensity()).isFalse();
        INDArray x = validation.images();
        assertThat(loaded.nelbo(x, 4)).isEqualTo(model.nelbo(x, 4));
        assertThat(loaded.sample(6, 9)).isEqualTo(model.sample(6, 9));
        LikelihoodEstimate estimate = loaded.importanceSample(x, 50, 2, 100, 1, ProgressListener.NONE);
        double nll = estimate.negativeLogLikelihood().meanNumber().doubleValue();
        assertThat(nll).isBetween(60.0, 400.0);
        assertThat(loaded.encode(x).variance().minNumber().doubleValue()).isGreaterThan(0);
        assertThat(model.summary().table()).containsPattern("sampler +sampler implicit");
    }

    @Test
    void theProposalsLogWeightsAreExactWhereTheProposalIsThePosterior() {
        double a = 0.8;
        double c = 1.1;
        VaeConfig config = VaeConfig.builder().hiddenDims(List.of(4)).activation("identity").samples(3).seed(2)
                .sampler(PluginChoice.parse("implicit:features=3,noise=2,hidden=4"))
                .divergence(PluginChoice.parse("avb:hidden=3"))
                .likelihood(PluginChoice.parse("gaussian:fixed_variance=" + VARIANCE)).build();
        VaeGraph graph = VAE.newGraph(config, FeatureShape.vector(D), DataType.DOUBLE);
        double[][] w = {{a, a, 0, 0, 0}, {0, 0, c, -c, c}};
        double[] b = {0.3, -0.2, 0.1, 0.5, -0.4};
        setLinearDecoder(graph, w, b);
        MarginalGaussian exact = new MarginalGaussian(w, b, VARIANCE);
        double[][] data = exact.draw(6, new java.util.Random(4));
        // W W^T is diagonal, so the posterior N(S W (x - b) / s^2, S), S = (I + W W^T / s^2)^-1, is too.
        double[] posteriorVariance = {1 / (1 + 2 * a * a / VARIANCE), 1 / (1 + 3 * c * c / VARIANCE)};
        double[][] proposal = new double[data.length][4];
        for (int n = 0; n < data.length; n++) {
            for (int l = 0; l < 2; l++) {
                double projected = 0;
                for (int i = 0; i < D; i++) {
                    projected += w[l][i] * (data[n][i] - b[i]);
                }
                proposal[n][l] = posteriorVariance[l] * projected / VARIANCE;
                proposal[n][2 + l] = Math.log(posteriorVariance[l]);
            }
        }
        INDArray x = Nd4j.createFromArray(data);

        INDArray logWeights = graph.sameDiff().output(graph.feed(x, graph.noise(data.length,
                Nd4j.getRandomFactory().getNewRandomInstance(8)), Nd4j.createFromArray(proposal)), VaeGraph.LOG_WEIGHTS)
                .get(VaeGraph.LOG_WEIGHTS);

        assertThat(logWeights.shape()).containsExactly(3, data.length);
        for (int n = 0; n < data.length; n++) {
            for (int k = 0; k < 3; k++) {
                assertThat(logWeights.getDouble(k, n)).as("draw %d of example %d", k, n)
                        .isCloseTo(exact.logDensity(data[n]), offset(1e-9));
            }
        }
    }

    /** x = z W + b through the two identity layers of the decoder: the first passes z on, the second maps it. */
    private static void setLinearDecoder(VaeGraph graph, double[][] w, double[] b) {
        INDArray first = Nd4j.zeros(DataType.DOUBLE, 2, 4);
        first.putScalar(0, 0, 1);
        first.putScalar(1, 1, 1);
        INDArray second = Nd4j.zeros(DataType.DOUBLE, 4, D);
        second.putRow(0, Nd4j.createFromArray(w[0]));
        second.putRow(1, Nd4j.createFromArray(w[1]));
        graph.sameDiff().getArrForVarName("decoder.0.W").assign(first);
        graph.sameDiff().getArrForVarName("decoder.0.b").assign(0);
        graph.sameDiff().getArrForVarName("decoder.1.W").assign(second);
        graph.sameDiff().getArrForVarName("decoder.1.b").assign(Nd4j.createFromArray(b));
    }

    @Test
    void aDivergenceThatReadsTheDensityIsRefusedForAnImplicitQ() {
        VaeConfig config = VaeConfig.builder().sampler(PluginChoice.parse("implicit")).build();
        assertThatThrownBy(() -> VAE.newGraph(config, VaeGraph.dataShape(28, 28), DataType.FLOAT))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("sampler implicit draws codes without a density, which divergence kl reads; train it with "
                        + "a divergence that estimates the KL term itself, such as avb");
    }

    @Test
    void aLearnedPriorThatAvbNeverReadsIsRefused() throws IOException {
        VaeConfig config = VaeConfig.builder().prior(PluginChoice.parse("mixture"))
                .divergence(PluginChoice.parse("avb")).build();
        assertThatThrownBy(() -> VAE.train(config, DataSplit.embedded().train().head(100),
                DataSplit.embedded().test().head(100), stats -> { }))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("no loss reaches weight prior.");
    }
}
