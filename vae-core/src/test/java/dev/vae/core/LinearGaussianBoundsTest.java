package dev.vae.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.vae.api.FeatureShape;
import dev.vae.core.graph.VaeGraph;
import dev.vae.core.plugin.PluginChoice;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The bounds of a model whose log p(x) is known exactly. With linear encoder and decoder and a
 * Gaussian likelihood of fixed variance s^2, p(x|z) = N(zW + b, s^2 I) and p(z) = N(0, I) give
 * p(x) = N(b, W^T W + s^2 I). The bounds are random; each test averages them over many independent
 * draws, by repeating every example {@value #REPEATS} times, so that their expectations are compared.
 */
class LinearGaussianBoundsTest {
    private static final int D = 5;
    private static final int LATENT = 2;
    private static final double VARIANCE = 0.5;
    private static final int EXAMPLES = 4;
    private static final int REPEATS = 2000;

    private static Vae vae;
    private static Map<String, INDArray> weights;
    private static INDArray x;
    private static double[] logLikelihood;

    @BeforeAll
    static void model() {
        vae = Vae.create();
        VaeGraph graph = vae.newGraph(config("kl", 1), FeatureShape.vector(D), DataType.FLOAT);
        weights = new HashMap<>();
        graph.forEachParameter((name, array) -> weights.put(name, array.dup()));
        INDArray decoded = graph.decode(Nd4j.createFromArray(new float[][] {{0, 0}, {1, 0}, {0, 1}}));
        double[] b = decoded.getRow(0).toDoubleVector();
        double[][] w = {decoded.getRow(1).sub(decoded.getRow(0)).toDoubleVector(),
            decoded.getRow(2).sub(decoded.getRow(0)).toDoubleVector()};
        MarginalGaussian marginal = new MarginalGaussian(w, b, VARIANCE);
        double[][] data = MarginalGaussian.drawFromModel(w, b, VARIANCE, EXAMPLES, new java.util.Random(3));
        x = Nd4j.createFromArray(data).castTo(DataType.FLOAT);
        logLikelihood = new double[EXAMPLES];
        for (int i = 0; i < EXAMPLES; i++) {
            logLikelihood[i] = marginal.logDensity(data[i]);
        }
    }

    private static VaeConfig config(String divergence, int samples) {
        return VaeConfig.builder().hiddenDims(List.of(3)).latentDim(LATENT).activation("identity")
                .likelihood(PluginChoice.parse("gaussian:fixed_variance=" + VARIANCE))
                .divergence(PluginChoice.parse(divergence)).samples(samples).seed(11).build();
    }

    /** The expectation of a divergence's K-sample bound for each example, to Monte Carlo precision. */
    private static double[] expectedBound(String divergence, int samples) {
        VaeConfig config = config(divergence, samples);
        VaeGraph graph = VaeGraph.restored(config, vae.plugins().resolve(config), FeatureShape.vector(D), weights);
        INDArray repeated = Nd4j.tile(x, REPEATS, 1);
        INDArray bound = graph.perExample(VaeGraph.BOUND, repeated, Nd4j.getRandomFactory().getNewRandomInstance(samples));
        return bound.reshape(REPEATS, EXAMPLES).mean(0).toDoubleVector();
    }

    @Test
    void iwaeLiesBetweenTheElboAndLogLikelihoodAndRisesWithK() {
        double[] elbo = expectedBound("kl", 1);
        double[] previous = elbo;
        for (int k : new int[] {5, 50, 500}) {
            double[] iwae = expectedBound("alpha:alpha=0", k);
            for (int i = 0; i < EXAMPLES; i++) {
                assertThat(iwae[i]).as("IWAE_%d, example %d", k, i).isGreaterThan(previous[i])
                        .isLessThanOrEqualTo(logLikelihood[i] + 1e-3);
            }
            previous = iwae;
        }
        for (int i = 0; i < EXAMPLES; i++) {
            assertThat(previous[i]).as("IWAE_500, example %d", i).isCloseTo(logLikelihood[i], within(0.01));
            assertThat(elbo[i]).as("ELBO, example %d", i).isLessThan(logLikelihood[i] - 0.3);
        }
    }

    @Test
    void theRenyiBoundFallsAsAlphaRisesAndIsALowerBoundFromAlphaZero() {
        double[] previous = expectedBound("alpha:alpha=-1", 5);
        for (String alpha : new String[] {"0", "0.5", "0.9"}) {
            double[] bound = expectedBound("alpha:alpha=" + alpha, 5);
            for (int i = 0; i < EXAMPLES; i++) {
                assertThat(bound[i]).as("alpha = %s, example %d", alpha, i).isLessThan(previous[i])
                        .isLessThan(logLikelihood[i]);
            }
            previous = bound;
        }
        double[] elbo = expectedBound("kl", 1);
        for (int i = 0; i < EXAMPLES; i++) {
            assertThat(elbo[i]).as("ELBO, example %d", i).isLessThan(previous[i]);
        }
    }

    @Test
    void theChiBoundLiesAboveLogLikelihood() {
        double[] cubo = expectedBound("chi", 500);
        for (int i = 0; i < EXAMPLES; i++) {
            assertThat(cubo[i]).as("CUBO_2, example %d", i).isGreaterThan(logLikelihood[i] + 0.1);
        }
    }

    @Test
    void importanceSamplingConvergesToTheExactValueWithTheChiBoundAbove() {
        VaeConfig config = config("kl", 1);
        TrainedVae model = new TrainedVae(VaeGraph.restored(config, vae.plugins().resolve(config), FeatureShape.vector(D), weights), List.of(), 1, D,
                java.util.Optional.empty());
        double[] one = model.negativeLogLikelihood(x, 1, 5).toDoubleVector();
        LikelihoodEstimate estimate = model.importanceSample(x, 20_000, 5, 3, ProgressListener.NONE);
        double[] many = estimate.negativeLogLikelihood().toDoubleVector();
        double[] cubo = estimate.chiUpperBound().toDoubleVector();
        double errorOfOne = 0;
        for (int i = 0; i < EXAMPLES; i++) {
            assertThat(many[i]).as("example %d", i).isCloseTo(-logLikelihood[i], within(0.03));
            assertThat(cubo[i]).as("CUBO_2, example %d", i).isGreaterThan(logLikelihood[i] + 0.1);
            errorOfOne += Math.abs(one[i] + logLikelihood[i]) / EXAMPLES;
        }
        assertThat(errorOfOne).isGreaterThan(0.3);
    }
}
