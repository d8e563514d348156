package dev.vae.flow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.vae.api.FlowStep;
import dev.vae.api.Initializer;
import dev.vae.api.ParamValues;
import dev.vae.api.spi.Flow;
import dev.vae.testkit.FlowJacobian;
import dev.vae.testkit.GradientCheck;
import dev.vae.testkit.InputWeights;
import dev.vae.testkit.TestWeights;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.rng.Random;
import org.nd4j.linalg.factory.Nd4j;

class PlanarFlowTest {
    /** w·u = -3 + 0.5 = -2.5: without û the step would fold the plane, its slope 1 - 2.5 tanh' along w. */
    private static final double[] U = {-2, 1};
    private static final double[] W = {1.5, 0.5};
    private static final double B = 0.3;

    private static Flow planar(int length) {
        Flow flow = new PlanarFlow();
        return flow.configure(ParamValues.resolve("planar", flow.parameters(), Map.of("length", String.valueOf(length))));
    }

    private static Flow amortized(int length) {
        Flow flow = new PlanarFlow();
        return flow.configure(ParamValues.resolve("planar", flow.parameters(),
                Map.of("length", String.valueOf(length), "params", "amortized")));
    }

    @Test
    void amortizedStepsReadTheirWeightsFromEachCodesContextWithTheLogDeterminantOfTheNumericalJacobian() {
        for (int length = 1; length <= 3; length++) {
            for (int width : new int[] {1, 2, 4}) {
                Flow flow = amortized(length);
                assertThat(flow.contextWidth(width)).isEqualTo(length * (2 * width + 1));
                // Contexts of amplitude 2 give w·u below -1 in some rows, where û must correct u.
                FlowJacobian check = FlowJacobian.of(flow).codeWidth(width)
                        .context(RandomWeights.rows(5, flow.contextWidth(width), length + width));
                check.assertLogDeterminants(RandomWeights.rows(5, width, length));
            }
        }
    }

    @Test
    void anAmortizedStepIsTheGlobalStepOfItsContextsWeights() {
        double[] context = {U[0], U[1], W[0], W[1], B};
        double[][] codes = RandomWeights.rows(4, 2, 1);
        FlowJacobian global = FlowJacobian.of(planar(1)).codeWidth(2).weight("0.u", Nd4j.createFromArray(U))
                .weight("0.w", Nd4j.createFromArray(W)).weight("0.b", Nd4j.createFromArray(B));
        double[] expected = global.assertLogDeterminants(codes);
        double[] actual = FlowJacobian.of(amortized(1)).codeWidth(2).context(context).assertLogDeterminants(codes);
        assertThat(actual).containsExactly(expected, within(1e-12));
    }

    @Test
    void oneStepIsThePaperTransformWrittenOut() {
        double[][] z = {{0, 0}, {0.4, -1.3}, {-2, 3}};
        SameDiff sd = SameDiff.create();
        TestWeights weights = TestWeights.in(sd, 1).set("0.u", Nd4j.createFromArray(U)).set("0.w", Nd4j.createFromArray(W))
                .set("0.b", Nd4j.createFromArray(B));
        FlowStep step = planar(1).transform(weights, sd.constant(Nd4j.createFromArray(z)), 2);
        Map<String, INDArray> out = sd.output(Map.of(), step.z().name(), step.logDetJacobian().name());
        double[][] transformed = out.get(step.z().name()).toDoubleMatrix();
        double[] logDet = out.get(step.logDetJacobian().name()).toDoubleVector();
        // û = u + (m(w·u) - w·u) w / |w|², m(x) = -1 + log(1 + e^x); f(z) = z + û tanh(w·z + b).
        double wu = W[0] * U[0] + W[1] * U[1];
        double factor = (-1 + Math.log1p(Math.exp(wu)) - wu) / (W[0] * W[0] + W[1] * W[1]);
        double[] uHat = {U[0] + factor * W[0], U[1] + factor * W[1]};
        for (int n = 0; n < z.length; n++) {
            double t = Math.tanh(W[0] * z[n][0] + W[1] * z[n][1] + B);
            assertThat(transformed[n]).containsExactly(new double[] {z[n][0] + uHat[0] * t, z[n][1] + uHat[1] * t},
                    within(1e-12));
            double psiDotUHat = (1 - t * t) * (W[0] * uHat[0] + W[1] * uHat[1]);
            assertThat(logDet[n]).isCloseTo(Math.log(Math.abs(1 + psiDotUHat)), within(1e-12));
        }
    }

    @Test
    void theLogDeterminantIsThatOfTheNumericalJacobianWithUHatCorrectingWDotUBelowMinusOne() {
        FlowJacobian.of(planar(1)).codeWidth(2).weight("0.u", Nd4j.createFromArray(U)).weight("0.w", Nd4j.createFromArray(W))
                .weight("0.b", Nd4j.createFromArray(B))
                .assertLogDeterminants(new double[][] {{0, 0}, {-0.2, 0}, {0.4, -1.3}, {-2, 3}});
    }

    @Test
    void theLogDeterminantOfThreeStepsOfLargeRandomWeightsIsThatOfTheNumericalJacobianInOneToThreeDimensions() {
        for (int width = 1; width <= 3; width++) {
            FlowJacobian check = FlowJacobian.of(planar(3)).codeWidth(width);
            randomWeights(3, width, 7L + width).forEach(check::weight);
            double[][] codes = new double[4][width];
            for (int n = 0; n < codes.length; n++) {
                for (int j = 0; j < width; j++) {
                    codes[n][j] = Math.sin(3 * n + j) * 2;
                }
            }
            check.assertLogDeterminants(codes);
        }
    }

    @Test
    void inOneDimensionEveryStepIsIncreasingEvenWhereWTimesUIsBelowMinusOne() {
        FlowJacobian check = FlowJacobian.of(planar(3));
        for (int k = 0; k < 3; k++) {
            check.weight(k + ".u", Nd4j.createFromArray(-3.0 + k)).weight(k + ".w", Nd4j.createFromArray(2.0 - k * 0.5))
                    .weight(k + ".b", Nd4j.createFromArray(0.5 * k));
        }
        check.assertMonotone(-6, 6, 2001);
        check.assertLogDeterminants(new double[][] {{-1}, {-0.25}, {0}, {0.7}});
    }

    @Test
    void gradientsOfCodesAndEveryWeightMatchCentralDifferences() {
        Map<String, INDArray> weights = randomWeights(2, 2, 11);
        GradientCheck check = GradientCheck.of((sd, in) -> {
            FlowStep step = planar(2).transform(new InputWeights(sd, in), in.get("z"), 2);
            return step.z().mul(step.z()).sum(1).add(step.logDetJacobian());
        }).variable("z", Nd4j.createFromArray(new double[][] {{0.3, -0.8}, {1.2, 0.5}, {-2, 1}}));
        weights.forEach(check::variable);
        assertThat(check.assertMatchesCentralDifferences()).isEqualTo(6 + 2 * 5);
    }

    @Test
    void itStartsAsAContractionByLogTwoAlongW() {
        // With u and w of order 0.01, w·u ≈ 0 and tanh' ≈ 1 near 0: each step's determinant is 1 + m(0) = log 2.
        double[] logDets = FlowJacobian.of(planar(10)).codeWidth(2).seed(3).assertLogDeterminants(new double[][] {{0.1, -0.2}});
        assertThat(logDets[0]).isCloseTo(10 * Math.log(Math.log(2)), within(1e-3));
    }

    @Test
    void inSinglePrecisionTheLogDeterminantStaysFiniteWhereOnePlusTanhPrimeTimesMCancels() {
        // w·u = -30: m = -1 + 9.4e-14 rounds to -1 in single precision, and at w·z + b = 0 the determinant is
        // softplus(-30) = 9.4e-14, whose logarithm is -30.
        SameDiff sd = SameDiff.create();
        Map<String, SDVariable> inputs = new HashMap<>();
        inputs.put("0.u", sd.constant(Nd4j.createFromArray(-15f, 0f)));
        inputs.put("0.w", sd.constant(Nd4j.createFromArray(2f, 0f)));
        inputs.put("0.b", sd.constant(Nd4j.createFromArray(0f)));
        FlowStep step = planar(1).transform(new InputWeights(sd, inputs), sd.constant(Nd4j.createFromArray(new float[][] {{0, 1}})), 2);
        double logDet = sd.output(Map.of(), step.logDetJacobian().name()).get(step.logDetJacobian().name()).getDouble(0);
        assertThat(logDet).isCloseTo(-30, within(1e-4));
    }

    @Test
    void eachStepDeclaresUWAndB() {
        SameDiff sd = SameDiff.create();
        TestWeights weights = TestWeights.in(sd, 1);
        new PlanarFlow().transform(weights, sd.constant(Nd4j.zeros(DataType.DOUBLE, 2, 3)), 3);
        assertThat(weights.declared()).hasSize(30).containsKeys("0.u", "0.w", "0.b", "9.u", "9.w", "9.b");
        assertThat(weights.declared().get("4.u")).containsExactly(3);
        assertThat(weights.declared().get("4.b")).containsExactly(1);
    }

    @Test
    void lengthDefaultsToTenAndStaysInRange() {
        Flow flow = new PlanarFlow();
        assertThat(ParamValues.resolve("planar", flow.parameters(), Map.of()).integer("length")).isEqualTo(10);
        assertThatThrownBy(() -> ParamValues.resolve("planar", flow.parameters(), Map.of("length", "101")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("length");
    }

    /** u, w and b of every step drawn from N(0, 1.5²), far from the near-linear start. */
    private static Map<String, INDArray> randomWeights(int length, int width, long seed) {
        Random rng = Nd4j.getRandomFactory().getNewRandomInstance(seed);
        Map<String, INDArray> weights = new HashMap<>();
        for (int k = 0; k < length; k++) {
            for (String name : new String[] {"u", "w", "b"}) {
                INDArray value = Nd4j.create(DataType.DOUBLE, name.equals("b") ? 1 : width);
                Initializer.normal(0, 1.5).fill(value, rng);
                weights.put(k + "." + name, value);
            }
        }
        return weights;
    }
}
