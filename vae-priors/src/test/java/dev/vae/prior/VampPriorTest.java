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
import dev.vae.testkit.TestInference;
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

class VampPriorTest {
    /** Three pseudo-inputs of three values, as raw weights. */
    private static final double[][] RAW = {{2, -1, 0.5}, {-3, 0.2, 1}, {0.4, 3, -2}};
    /** A linear encoder of three inputs to the means and log-variances of two variables. */
    private static final double[][] KERNEL = {{2, -1, 0.3, -0.2}, {-1.5, 2.5, -0.4, 0.1}, {0.5, 1, 0.2, 0.6}};
    private static final double[] BIAS = {0.1, -0.3, -0.5, 0.2};
    private static final LatentLayout LAYOUT = new LatentLayout(4, 2, 2);

    private static Prior vamp(int components, String inputs) {
        Prior prior = new VampPrior();
        return prior.configure(ParamValues.resolve("vamp", prior.parameters(),
                Map.of("components", String.valueOf(components), "inputs", inputs)));
    }

    private static TestInference encoder(int width) {
        INDArray kernel = Nd4j.createFromArray(KERNEL);
        INDArray columns = Nd4j.concat(1, kernel.get(NDArrayIndex.all(), NDArrayIndex.interval(0, width)),
                kernel.get(NDArrayIndex.all(), NDArrayIndex.interval(2, 2 + width)));
        INDArray bias = Nd4j.createFromArray(BIAS[0], BIAS[1], BIAS[2], BIAS[3]);
        return TestInference.of(columns, Nd4j.concat(0, bias.get(NDArrayIndex.interval(0, width)),
                bias.get(NDArrayIndex.interval(2, 2 + width))));
    }

    @Test
    void theLogDensityIsTheMeanOfTheEncodersPosteriorsAtThePseudoInputsAlsoFarFromThem() {
        double[][] z = {{0, 0}, {1.5, -2}, {-0.7, 3}, {60, -45}};
        for (String inputs : new String[] {"sigmoid", "linear"}) {
            double[] logP = logDensity(inputs, z);
            for (int n = 0; n < z.length; n++) {
                assertThat(logP[n]).as("%s, code %d", inputs, n).isCloseTo(handLogDensity(inputs, z[n]), within(1e-10));
            }
            assertThat(logP[3]).as(inputs).isFinite().isLessThan(-500);
        }
    }

    @Test
    void itIsADensityWhoseDrawsFollowItInOneAndTwoDimensions() {
        for (int width = 1; width <= 2; width++) {
            PriorNormalization check = PriorNormalization.of(vamp(3, "sigmoid")).codeWidth(width).inference(encoder(width))
                    .weight("pseudo_inputs", Nd4j.createFromArray(RAW));
            check.assertIntegratesToOne(-25, 25, width == 1 ? 5001 : 501, 1e-8);
            check.seed(3).assertSamplesMatch(-25, 25, width == 1 ? 5001 : 501);
        }
    }

    @Test
    void itsInitialPseudoInputsGiveADensityForOneOrFiftyComponents() {
        for (int components : new int[] {1, 50}) {
            PriorNormalization check = PriorNormalization.of(vamp(components, "linear")).codeWidth(2).inference(encoder(2)).seed(4);
            check.assertIntegratesToOne(-12, 12, 241, 1e-8);
            check.assertSamplesMatch(-12, 12, 241);
        }
    }

    @Test
    void gradientsOfCodesPseudoInputsAndEncoderWeightsMatchCentralDifferences() {
        for (String inputs : new String[] {"sigmoid", "linear"}) {
            GradientCheck.of((sd, in) -> {
                InputWeights weights = new InputWeights(sd, in);
                return vamp(3, inputs).logDensity(weights, in.get("z"), LAYOUT, Optional.empty(), encoder(2).in(weights));
            })
                    .variable("z", Nd4j.createFromArray(new double[][] {{0, 0}, {1.5, -2}, {-0.7, 3}}))
                    .variable("pseudo_inputs", Nd4j.createFromArray(RAW))
                    .variable("encoder.W", Nd4j.createFromArray(KERNEL))
                    .variable("encoder.b", Nd4j.createFromArray(BIAS))
                    .assertMatchesCentralDifferences();
        }
    }

    @Test
    void itDeclaresPseudoInputsInTheDataShapeNearZero() {
        SameDiff sd = SameDiff.create();
        TestWeights weights = TestWeights.in(sd, 6);
        SDVariable logP = new VampPrior().logDensity(weights, sd.constant(Nd4j.zeros(DataType.DOUBLE, 1, 2)), LAYOUT,
                Optional.empty(), encoder(2).in(weights));
        sd.output(Map.of(), logP.name());
        assertThat(weights.declared()).containsOnlyKeys("pseudo_inputs", "encoder.W", "encoder.b");
        assertThat(weights.declared().get("pseudo_inputs")).containsExactly(50, 3);
        INDArray raw = weights.values().get("pseudo_inputs");
        // 150 draws of N(0, 0.01): mean within 5 standard errors, 5 * 0.01 / sqrt(150).
        assertThat(raw.meanNumber().doubleValue()).isCloseTo(0, within(0.0041));
        assertThat(raw.stdNumber().doubleValue()).isCloseTo(0.01, within(0.003));
    }

    @Test
    void parametersDefaultToFiftySigmoidPseudoInputs() {
        Prior prior = new VampPrior();
        ParamValues defaults = ParamValues.resolve("vamp", prior.parameters(), Map.of());
        assertThat(defaults.integer("components")).isEqualTo(50);
        assertThat(defaults.choice("inputs")).isEqualTo("sigmoid");
        assertThatThrownBy(() -> ParamValues.resolve("vamp", prior.parameters(), Map.of("components", "1001")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("components");
    }

    @Test
    void theFormsWithoutTheInferenceNetworkAreRefused() {
        SameDiff sd = SameDiff.create();
        assertThatThrownBy(() -> new VampPrior().logDensity(TestWeights.in(sd, 1), sd.constant(Nd4j.zeros(1, 2)), LAYOUT,
                Optional.empty())).isInstanceOf(IllegalStateException.class).hasMessageContaining("inference network");
        assertThatThrownBy(() -> new VampPrior().sample(Nd4j.zeros(1, 2), LAYOUT, name -> Nd4j.zeros(50, 3),
                Nd4j.getRandomFactory().getNewRandomInstance(1))).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("inference network");
    }

    @Test
    void relaxedCodesAreRefusedNamingThePriorThatFits() {
        SameDiff sd = SameDiff.create();
        SDVariable z = sd.constant(Nd4j.ones(DataType.DOUBLE, 2, 4).div(2));
        Relaxation relaxation = new Relaxation(2, sd.constant(Nd4j.scalar(1.0)), sd.constant(Nd4j.zeros(1, 2)));
        TestWeights weights = TestWeights.in(sd, 1);
        assertThatThrownBy(() -> new VampPrior().logDensity(weights, z, new LatentLayout(4, 4, 4, 2), Optional.of(relaxation),
                encoder(2).in(weights)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("prior vamp is over real codes, but the sampler draws relaxed categoricals; "
                        + "choose --prior uniform-categorical");
    }

    private static double[] logDensity(String inputs, double[][] z) {
        SameDiff sd = SameDiff.create();
        TestWeights weights = TestWeights.in(sd, 1).set("pseudo_inputs", Nd4j.createFromArray(RAW));
        SDVariable logP = vamp(3, inputs).logDensity(weights, sd.constant(Nd4j.createFromArray(z)), LAYOUT, Optional.empty(),
                encoder(2).in(weights));
        return sd.output(Map.of(), logP.name()).get(logP.name()).toDoubleVector();
    }

    /** log (1/K) sum_k prod_j N(z_j; mu_kj, s²_kj), with (mu_k, log s²_k) = u_k W + b, the largest term taken out. */
    private static double handLogDensity(String inputs, double[] z) {
        double[] terms = new double[RAW.length];
        for (int k = 0; k < RAW.length; k++) {
            double[] out = BIAS.clone();
            for (int d = 0; d < 3; d++) {
                double u = inputs.equals("sigmoid") ? 1 / (1 + Math.exp(-RAW[k][d])) : RAW[k][d];
                for (int c = 0; c < 4; c++) {
                    out[c] += u * KERNEL[d][c];
                }
            }
            for (int j = 0; j < 2; j++) {
                double variance = Math.exp(out[2 + j]);
                terms[k] += -0.5 * Math.log(2 * Math.PI * variance) - (z[j] - out[j]) * (z[j] - out[j]) / (2 * variance);
            }
        }
        double max = Math.max(terms[0], Math.max(terms[1], terms[2]));
        double sum = 0;
        for (double t : terms) {
            sum += Math.exp(t - max);
        }
        return max + Math.log(sum / RAW.length);
    }
}
