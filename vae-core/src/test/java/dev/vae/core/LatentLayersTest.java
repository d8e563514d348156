package dev.vae.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.vae.api.FeatureShape;
import dev.vae.core.data.DataSplit;
import dev.vae.core.data.ImageSet;
import dev.vae.core.graph.VaeGraph;
import dev.vae.core.plugin.PluginChoice;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * Models of two latent layers, x -> z1 -> z2 in q and z2 -> z1 -> x in p. With linear networks, a
 * Gaussian p(z1|z2) of constant variance and a Gaussian likelihood of fixed variance, the model is
 * linear-Gaussian: z1 = z2 A + a + s e, x = z1 W + b + sigma e' give p(x) = N(b + aW, W^T (A^T A +
 * S) W + sigma^2 I), against which the bound and the importance-sampled log-likelihood are checked.
 */
class LatentLayersTest {
    private static final int D = 5;
    private static final int LOWER = 3;
    private static final int UPPER = 2;
    private static final double VARIANCE = 0.5;
    private static final int EXAMPLES = 4;

    private static final Vae VAE = Vae.create();
    private static VaeConfig linear;
    private static Map<String, INDArray> weights;
    private static double[][] decoderW;
    private static double[] decoderB;
    private static double[][] latentA;
    private static double[] latentMean;
    private static double[] latentVariance;

    @TempDir
    Path dir;

    @BeforeAll
    static void linearGaussianModel() {
        linear = VaeConfig.builder().hiddenDims(List.of(4)).latentDims(List.of(LOWER, UPPER)).activation("identity")
                .latentNetwork(PluginChoice.parse("mlp:hidden=4,activation=identity"))
                .likelihood(PluginChoice.parse("gaussian:fixed_variance=" + VARIANCE)).seed(11).build();
        VaeGraph graph = VAE.newGraph(linear, FeatureShape.vector(D), DataType.DOUBLE);
        weights = new HashMap<>();
        graph.forEachParameter((name, array) -> weights.put(name, array.dup()));
        // Without weights into its log-variance, p(z1|z2) has the constant variance exp(bias).
        weights.get("decoder2.1.W").get(NDArrayIndex.all(), NDArrayIndex.interval(LOWER, 2 * LOWER)).assign(0);
        weights.get("decoder2.1.b").get(NDArrayIndex.interval(LOWER, 2 * LOWER)).assign(
                Nd4j.createFromArray(-1.2, -0.5, 0.3));
        INDArray w0 = weights.get("decoder2.0.W");
        INDArray w1 = weights.get("decoder2.1.W").get(NDArrayIndex.all(), NDArrayIndex.interval(0, LOWER));
        INDArray b1 = weights.get("decoder2.1.b");
        latentA = w0.mmul(w1).toDoubleMatrix();
        latentMean = weights.get("decoder2.0.b").reshape(1, -1).mmul(w1).addRowVector(
                b1.get(NDArrayIndex.interval(0, LOWER))).toDoubleVector();
        latentVariance = Transforms.exp(b1.get(NDArrayIndex.interval(LOWER, 2 * LOWER)), true).toDoubleVector();
        INDArray codes = Nd4j.vstack(Nd4j.zeros(DataType.DOUBLE, 1, LOWER), Nd4j.eye(LOWER).castTo(DataType.DOUBLE));
        INDArray decoded = restored(linear).decode(codes);
        decoderB = decoded.getRow(0).toDoubleVector();
        decoderW = new double[LOWER][];
        for (int l = 0; l < LOWER; l++) {
            decoderW[l] = decoded.getRow(l + 1).sub(decoded.getRow(0)).toDoubleVector();
        }
    }

    private static TrainedVae restored(VaeConfig config) {
        Map<String, INDArray> copy = new HashMap<>();
        weights.forEach((name, array) -> copy.put(name, array.castTo(DataType.FLOAT)));
        return new TrainedVae(VaeGraph.restored(config, VAE.plugins().resolve(config), FeatureShape.vector(D), copy),
                List.of(), 1, D, java.util.Optional.empty());
    }

    /** Cov(z1) = A^T A + S. */
    private static double[][] latentCovariance() {
        return MarginalGaussian.plusNoise(MarginalGaussian.transposeTimes(latentA, MarginalGaussian.identity(UPPER),
                latentA), latentVariance);
    }

    private static MarginalGaussian marginal() {
        double[] mean = decoderB.clone();
        for (int i = 0; i < D; i++) {
            for (int l = 0; l < LOWER; l++) {
                mean[i] += latentMean[l] * decoderW[l][i];
            }
        }
        return new MarginalGaussian(mean, MarginalGaussian.plusNoise(
                MarginalGaussian.transposeTimes(decoderW, latentCovariance(), decoderW), VARIANCE));
    }

    @Test
    void importanceSamplingThroughBothLayersConvergesToTheExactLogLikelihood() {
        MarginalGaussian exact = marginal();
        double[][] data = exact.draw(EXAMPLES, new java.util.Random(3));
        INDArray x = Nd4j.createFromArray(data).castTo(DataType.FLOAT);
        TrainedVae model = restored(linear);

        double[] nelbo = model.nelbo(Nd4j.tile(x, 2000, 1), 7).reshape(2000, EXAMPLES).mean(0).toDoubleVector();
        double[] many = model.negativeLogLikelihood(x, 100_000, 5).toDoubleVector();
        double[] one = model.negativeLogLikelihood(x, 1, 5).toDoubleVector();

        double errorOfOne = 0;
        for (int i = 0; i < EXAMPLES; i++) {
            double logLikelihood = exact.logDensity(data[i]);
            // An upper bound in expectation, tightening as the draws grow; q, untrained, converges slowly.
            assertThat(many[i]).as("example %d", i).isBetween(-logLikelihood - 0.02, -logLikelihood + 0.1);
            assertThat(nelbo[i]).as("NELBO, example %d", i).isGreaterThan(-logLikelihood + 0.3);
            errorOfOne += Math.abs(one[i] + logLikelihood) / EXAMPLES;
        }
        assertThat(errorOfOne).isGreaterThan(0.5);
    }

    @Test
    void samplesDescendFromTheTopLayerThroughTheConditionalGaussian() {
        int count = 40_000;
        INDArray means = restored(linear).sample(count, 9).castTo(DataType.DOUBLE);
        // The decoder's means z1 W + b carry Cov(z1) through W; the likelihood's noise is not drawn.
        double[][] expected = MarginalGaussian.transposeTimes(decoderW, latentCovariance(), decoderW);
        INDArray centred = means.subRowVector(means.mean(0));
        double[][] covariance = centred.transpose().mmul(centred).div(count - 1).toDoubleMatrix();
        for (int i = 0; i < D; i++) {
            for (int j = 0; j < D; j++) {
                double scale = Math.sqrt(expected[i][i] * expected[j][j]);
                assertThat(covariance[i][j]).as("Cov[%d][%d]", i, j).isCloseTo(expected[i][j], within(0.04 * scale));
            }
        }
    }

    @Test
    void twoLayersTrainOnTheDigitsSaveLoadAndSample() throws IOException {
        DataSplit digits = DataSplit.embedded();
        ImageSet train = digits.train().head(1000);
        ImageSet validation = digits.test().head(200);
        VaeConfig config = VaeConfig.builder().epochs(3).hiddenDims(List.of(64)).latentDims(List.of(8, 4))
                .latentNetwork(PluginChoice.parse("mlp:hidden=32")).samples(2)
                .divergence(PluginChoice.parse("alpha:alpha=0")).seed(3).build();
        List<EpochStats> seen = new ArrayList<>();

        TrainedVae model = VAE.train(config, train, validation, seen::add);
        model.save(dir.resolve("model.vae"));
        TrainedVae loaded = VAE.load(dir.resolve("model.vae"));

        assertThat(seen.get(2).validationNelbo()).isLessThan(seen.get(0).validationNelbo() - 5);
        assertThat(loaded.config().latentDims()).containsExactly(8, 4);
        assertThat(loaded.config().latentNetwork().params()).containsEntry("hidden", "32");
        INDArray x = validation.images();
        assertThat(Bits.of(loaded.nelbo(x, 4))).isEqualTo(Bits.of(model.nelbo(x, 4)));
        assertThat(Bits.of(loaded.negativeLogLikelihood(x, 20, 4))).isEqualTo(Bits.of(model.negativeLogLikelihood(x, 20, 4)));
        assertThat(Bits.of(loaded.sample(16, 2))).isEqualTo(Bits.of(model.sample(16, 2)));
        assertThat(model.summary().layers()).extracting(ModelSummary.Layer::name)
                .containsExactly("encoder", "sampler", "encoder2", "prior", "decoder2", "decoder", "likelihood");
    }

    @Test
    void aLatentNetworkNeedsTwoLayersAndLayersNeedRealCodesAndAPriorNotBuiltFromTheEncoder() {
        assertThatThrownBy(() -> VaeConfig.builder().latentNetwork(PluginChoice.parse("mlp:hidden=8")).build())
                .hasMessage("a latent network joins two latent layers, but the model has one; give the layers' sizes, "
                        + "such as --latent-dim 20,10");
        VaeConfig vamp = VaeConfig.builder().latentDims(List.of(2, 2)).prior(PluginChoice.parse("vamp")).build();
        assertThatThrownBy(() -> VAE.newGraph(vamp, FeatureShape.vector(D), DataType.FLOAT))
                .hasMessage("prior vamp is built from the encoder, which gives the first latent layer, but the prior is "
                        + "over the top one of 2; choose a prior such as mixture, or one latent layer");
        VaeConfig gumbel = VaeConfig.builder().latentDims(List.of(2, 2)).sampler(PluginChoice.parse("gumbel")).build();
        assertThatThrownBy(() -> VAE.newGraph(gumbel, FeatureShape.vector(D), DataType.FLOAT))
                .hasMessage("latent layers are Gaussian given the layer above, but sampler gumbel draws relaxed "
                        + "categoricals; choose a real family such as normal");
    }
}
