package dev.vae.prior;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.vae.api.LatentLayout;
import dev.vae.api.ParamValues;
import dev.vae.api.Relaxation;
import dev.vae.api.spi.Prior;
import dev.vae.testkit.GradientCheck;
import dev.vae.testkit.InputWeights;
import dev.vae.testkit.PriorNormalization;
import dev.vae.testkit.TestWeights;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

class MixturePriorTest {
    /** Three components over two dimensions, of unequal weights and scales. */
    private static final double[][] MEANS = {{-3, 1}, {0.5, -2}, {4, 2.5}};
    private static final double[][] LOG_VARIANCES = {{Math.log(0.25), 0}, {0, Math.log(2)}, {Math.log(2), Math.log(0.5)}};
    private static final double[] LOGITS = {1, -0.5, 0.3};

    private static Prior mixture(int components) {
        Prior prior = new MixturePrior();
        return prior.configure(ParamValues.resolve("mixture", prior.parameters(),
                Map.of("components", String.valueOf(components))));
    }

    private static PriorNormalization withWeights(int width) {
        return PriorNormalization.of(mixture(3)).codeWidth(width)
                .weight("means", firstColumns(MEANS, width))
                .weight("log_variances", firstColumns(LOG_VARIANCES, width))
                .weight("logits", Nd4j.createFromArray(LOGITS));
    }

    private static INDArray firstColumns(double[][] rows, int width) {
        return Nd4j.createFromArray(rows).get(NDArrayIndex.all(), NDArrayIndex.interval(0, width)).dup();
    }

    @Test
    void itIsADensityWhoseDrawsFollowItInOneDimension() {
        assertThat(withWeights(1).assertIntegratesToOne(-20, 20, 2001, 1e-9)).isCloseTo(1, within(1e-9));
        withWeights(1).seed(2).assertSamplesMatch(-20, 20, 2001);
    }

    @Test
    void itIsADensityWhoseDrawsFollowItInTwoDimensions() {
        withWeights(2).assertIntegratesToOne(-15, 15, 301, 1e-9);
        withWeights(2).seed(3).assertSamplesMatch(-15, 15, 301);
    }

    @Test
    void itsInitialWeightsGiveADensityForOneOrTenComponents() {
        for (int components : new int[] {1, 10}) {
            PriorNormalization check = PriorNormalization.of(mixture(components)).codeWidth(2).seed(4);
            check.assertIntegratesToOne(-12, 12, 241, 1e-9);
            check.assertSamplesMatch(-12, 12, 241);
        }
    }

    @Test
    void theLogDensityIsTheMixtureWrittenOutAlsoFarFromEveryComponent() {
        double[][] z = {{0, 0}, {-3, 1}, {2.5, -1}, {40, -35}};
        double[] logP = logDensity(z);
        for (int n = 0; n < z.length; n++) {
            assertThat(logP[n]).as("code %d", n).isCloseTo(handLogDensity(z[n]), within(1e-12));
        }
        // At (40, -35) every component's density underflows to 0 in double precision; the log-sum-exp does not.
        // The nearest, (0.5, -2) of variances (1, 2), gives -39.5² / 2 - 33² / 4 = -1052.4 before its constants.
        assertThat(logP[3]).isCloseTo(-1056.60, within(0.01));
        assertThat(Math.exp(logP[3])).isZero();
    }

    @Test
    void gradientsOfCodesMeansVariancesAndLogitsMatchCentralDifferences() {
        GradientCheck.of((sd, in) -> mixture(3).logDensity(new InputWeights(sd, in), in.get("z"),
                        new LatentLayout(2, 2, 2), Optional.empty()))
                .variable("z", Nd4j.createFromArray(new double[][] {{0, 0}, {-3, 1.2}, {2.5, -1}, {6, 4}}))
                .variable("means", Nd4j.createFromArray(MEANS))
                .variable("log_variances", Nd4j.createFromArray(LOG_VARIANCES))
                .variable("logits", Nd4j.createFromArray(LOGITS))
                .assertMatchesCentralDifferences();
    }

    @Test
    void gradientsMatchWithOneComponentOneDimensionAndOneCode() {
        GradientCheck.of((sd, in) -> mixture(1).logDensity(new InputWeights(sd, in), in.get("z"),
                        new LatentLayout(1, 1, 1), Optional.empty()))
                .variable("z", Nd4j.createFromArray(new double[][] {{0.7}}))
                .variable("means", Nd4j.createFromArray(new double[][] {{-0.4}}))
                .variable("log_variances", Nd4j.createFromArray(new double[][] {{0.3}}))
                .variable("logits", Nd4j.createFromArray(2.0))
                .assertMatchesCentralDifferences();
    }

    @Test
    void drawsPickComponentsInProportionToTheirWeights() {
        // Components 30 apart, so that each draw's nearest mean names its component; weights 1/8, 2/8, 5/8.
        int n = 100_000;
        INDArray z = Nd4j.create(DataType.DOUBLE, n, 1);
        mixture(3).sample(z, new LatentLayout(1, 1, 1), Map.of("means", Nd4j.createFromArray(new double[][] {{-30}, {0}, {30}}),
                "log_variances", Nd4j.zeros(DataType.DOUBLE, 3, 1),
                "logits", Nd4j.createFromArray(0, Math.log(2), Math.log(5)))::get,
                Nd4j.getRandomFactory().getNewRandomInstance(5));
        int[] counts = new int[3];
        for (double v : z.toDoubleVector()) {
            counts[(int) Math.round(v / 30) + 1]++;
        }
        double[] expected = {1 / 8.0, 2 / 8.0, 5 / 8.0};
        for (int m = 0; m < 3; m++) {
            double standardError = Math.sqrt(expected[m] * (1 - expected[m]) / n);
            assertThat(counts[m] / (double) n).as("component %d", m).isCloseTo(expected[m], within(5 * standardError));
        }
    }

    @Test
    void itDeclaresItsWeightsWithMeansSpreadAsAsked() {
        Prior prior = new MixturePrior();
        Prior wide = prior.configure(ParamValues.resolve("mixture", prior.parameters(),
                Map.of("components", "1000", "init_spread", "3")));
        SameDiff sd = SameDiff.create();
        TestWeights weights = TestWeights.in(sd, 6);
        SDVariable logP = wide.logDensity(weights, sd.constant(Nd4j.zeros(DataType.DOUBLE, 1, 2)),
                new LatentLayout(2, 2, 2), Optional.empty());
        sd.output(Map.of(), logP.name());
        assertThat(weights.declared()).containsOnlyKeys("means", "log_variances", "logits");
        assertThat(weights.declared().get("means")).containsExactly(1000, 2);
        assertThat(weights.declared().get("logits")).containsExactly(1000);
        INDArray means = weights.values().get("means");
        // 2,000 draws: the standard deviation is 3 within 5 standard errors, 5 * 3 / sqrt(4000).
        assertThat(means.stdNumber().doubleValue()).isCloseTo(3, within(0.24));
        assertThat(weights.values().get("log_variances").sumNumber().doubleValue()).isZero();
        assertThat(weights.values().get("logits").sumNumber().doubleValue()).isZero();
    }

    @Test
    void parametersDefaultToTenComponentsOfUnitSpreadAndStayInRange() {
        Prior prior = new MixturePrior();
        ParamValues defaults = ParamValues.resolve("mixture", prior.parameters(), Map.of());
        assertThat(defaults.integer("components")).isEqualTo(10);
        assertThat(defaults.real("init_spread")).isEqualTo(1);
        assertThatThrownBy(() -> ParamValues.resolve("mixture", prior.parameters(), Map.of("components", "0")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("components");
    }

    @Test
    void relaxedCodesAreRefusedNamingThePriorThatFits() {
        SameDiff sd = SameDiff.create();
        SDVariable z = sd.constant(Nd4j.ones(DataType.DOUBLE, 2, 4).div(2));
        Relaxation relaxation = new Relaxation(2, sd.constant(Nd4j.scalar(1.0)), sd.constant(Nd4j.zeros(1, 2)));
        assertThatThrownBy(() -> new MixturePrior().logDensity(TestWeights.in(sd, 1), z, new LatentLayout(4, 4, 4, 2),
                Optional.of(relaxation)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("prior mixture is over real codes, but the sampler draws relaxed categoricals; "
                        + "choose --prior uniform-categorical");
    }

    private static double[] logDensity(double[][] z) {
        SameDiff sd = SameDiff.create();
        TestWeights weights = TestWeights.in(sd, 1).set("means", Nd4j.createFromArray(MEANS))
                .set("log_variances", Nd4j.createFromArray(LOG_VARIANCES)).set("logits", Nd4j.createFromArray(LOGITS));
        SDVariable logP = mixture(3).logDensity(weights, sd.constant(Nd4j.createFromArray(z)), new LatentLayout(2, 2, 2),
                Optional.empty());
        return sd.output(Map.of(), logP.name()).get(logP.name()).toDoubleVector();
    }

    /** log sum_m pi_m prod_j N(z_j; mu_mj, s²_mj), with the largest term taken out. */
    private static double handLogDensity(double[] z) {
        double logNormalizer = Math.log(Math.exp(LOGITS[0]) + Math.exp(LOGITS[1]) + Math.exp(LOGITS[2]));
        double[] terms = new double[3];
        for (int m = 0; m < 3; m++) {
            terms[m] = LOGITS[m] - logNormalizer;
            for (int j = 0; j < 2; j++) {
                double variance = Math.exp(LOG_VARIANCES[m][j]);
                terms[m] += -0.5 * Math.log(2 * Math.PI * variance) - (z[j] - MEANS[m][j]) * (z[j] - MEANS[m][j]) / (2 * variance);
            }
        }
        double max = Math.max(terms[0], Math.max(terms[1], terms[2]));
        return max + Math.log(Math.exp(terms[0] - max) + Math.exp(terms[1] - max) + Math.exp(terms[2] - max));
    }
}
