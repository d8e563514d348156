package dev.vae.flow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.vae.api.FlowStep;
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
import org.nd4j.linalg.factory.Nd4j;

class RadialFlowTest {
    private static final double[] Z0 = {0.3, -0.6};

    private static Flow radial(int length) {
        Flow flow = new RadialFlow();
        return flow.configure(ParamValues.resolve("radial", flow.parameters(), Map.of("length", String.valueOf(length))));
    }

    private static double softplus(double x) {
        return Math.max(x, 0) + Math.log1p(Math.exp(-Math.abs(x)));
    }

    @Test
    void oneStepIsThePaperTransformWrittenOutForRawWeightsFromMinusFortyToForty() {
        double[][] z = {{0, 0}, {0.4, -1.3}, {-2, 3}};
        for (double a : new double[] {-40, -3, 0, 3, 40}) {
            for (double b : new double[] {-40, -3, 0, 3, 40}) {
                SameDiff sd = SameDiff.create();
                TestWeights weights = TestWeights.in(sd, 1).set("0.z0", Nd4j.createFromArray(Z0))
                        .set("0.alpha", Nd4j.createFromArray(a)).set("0.beta", Nd4j.createFromArray(b));
                FlowStep step = radial(1).transform(weights, sd.constant(Nd4j.createFromArray(z)), 2);
                Map<String, INDArray> out = sd.output(Map.of(), step.z().name(), step.logDetJacobian().name());
                double[][] transformed = out.get(step.z().name()).toDoubleMatrix();
                double[] logDet = out.get(step.logDetJacobian().name()).toDoubleVector();
                double alpha = softplus(a);
                double beta = softplus(b) - alpha;
                assertThat(alpha).isPositive();
                assertThat(beta).as("invertible: beta >= -alpha, a = %s, b = %s", a, b).isGreaterThanOrEqualTo(-alpha);
                for (int n = 0; n < z.length; n++) {
                    double r = Math.hypot(z[n][0] - Z0[0], z[n][1] - Z0[1]);
                    double h = 1 / (alpha + r);
                    double hPrime = -h * h;
                    for (int j = 0; j < 2; j++) {
                        assertThat(transformed[n][j]).isCloseTo(z[n][j] + beta * h * (z[n][j] - Z0[j]), within(1e-9));
                    }
                    double textbook = Math.log(1 + beta * h) + Math.log(1 + beta * h + beta * hPrime * r);
                    assertThat(logDet[n]).as("a = %s, b = %s, code %s", a, b, n).isCloseTo(textbook, within(1e-9));
                }
            }
        }
    }

    @Test
    void theLogDeterminantOfThreeStepsOfRandomWeightsIsThatOfTheNumericalJacobianInOneToThreeDimensions() {
        for (int width = 1; width <= 3; width++) {
            FlowJacobian check = FlowJacobian.of(radial(3)).codeWidth(width);
            RandomWeights.of(radial(3), width, 1.5, 20 + width).forEach(check::weight);
            check.assertLogDeterminants(RandomWeights.rows(5, width, width));
        }
    }

    @Test
    void inOneDimensionEveryStepIsIncreasingEvenAtTheStrongestContraction() {
        // beta raw -30: beta = -alpha + 9e-14, the bound of invertibility.
        FlowJacobian check = FlowJacobian.of(radial(2));
        for (int k = 0; k < 2; k++) {
            check.weight(k + ".z0", Nd4j.createFromArray(0.5 - k)).weight(k + ".alpha", Nd4j.createFromArray(k == 0 ? -2.0 : 3.0))
                    .weight(k + ".beta", Nd4j.createFromArray(-30.0));
        }
        check.assertMonotone(-4, 5, 1801);
    }

    @Test
    void inSinglePrecisionTheLogDeterminantStaysExactCloseToTheCentreAtTheStrongestContraction() {
        // alpha = softplus(3) = 3.049, beta = -alpha + 2.1e-9, r = 1e-5: 1 + beta h = 3.3e-6, which the textbook
        // 1 + beta h computes from two terms near 1 and -1, with an error of 3% in single precision.
        double r = 1e-5;
        double alpha = softplus(3);
        double sum = softplus(-20);
        double expected = Math.log(r + sum) + Math.log(alpha * sum + r * (2 * alpha + r)) - 3 * Math.log(alpha + r);
        SameDiff sd = SameDiff.create();
        Map<String, SDVariable> inputs = new HashMap<>();
        inputs.put("0.z0", sd.constant(Nd4j.createFromArray(0f, 0f)));
        inputs.put("0.alpha", sd.constant(Nd4j.createFromArray(3f)));
        inputs.put("0.beta", sd.constant(Nd4j.createFromArray(-20f)));
        FlowStep step = radial(1).transform(new InputWeights(sd, inputs),
                sd.constant(Nd4j.createFromArray(new float[][] {{(float) r, 0}})), 2);
        double logDet = sd.output(Map.of(), step.logDetJacobian().name()).get(step.logDetJacobian().name()).getDouble(0);
        assertThat(logDet).isCloseTo(expected, within(1e-4));
    }

    @Test
    void gradientsOfCodesAndEveryWeightMatchCentralDifferences() {
        GradientCheck check = GradientCheck.of((sd, in) -> {
            FlowStep step = radial(2).transform(new InputWeights(sd, in), in.get("z"), 2);
            return step.z().mul(step.z()).sum(1).add(step.logDetJacobian());
        }).variable("z", Nd4j.createFromArray(RandomWeights.rows(3, 2, 0)));
        RandomWeights.of(radial(2), 2, 1, 5).forEach(check::variable);
        assertThat(check.assertMatchesCentralDifferences()).isEqualTo(6 + 2 * 4);
    }

    @Test
    void atTheStartingIdentityTheRawWeightsHaveTheirGradients() {
        // Raw alpha and beta at 0, where softplus' = 1/2: a gradient of 0 there would keep the flow at the identity.
        GradientCheck check = GradientCheck.of((sd, in) -> {
            FlowStep step = radial(2).transform(new InputWeights(sd, in), in.get("z"), 2);
            return step.z().mul(step.z()).sum(1).add(step.logDetJacobian());
        }).variable("z", Nd4j.createFromArray(RandomWeights.rows(4, 2, 0)));
        for (int k = 0; k < 2; k++) {
            check.variable(k + ".z0", Nd4j.createFromArray(0.3 - k, -0.2)).variable(k + ".alpha", Nd4j.createFromArray(0.0))
                    .variable(k + ".beta", Nd4j.createFromArray(0.0));
        }
        check.assertMatchesCentralDifferences();
    }

    @Test
    void itStartsAsTheIdentity() {
        double[][] codes = RandomWeights.rows(4, 3, 1);
        double[] logDets = FlowJacobian.of(radial(10)).codeWidth(3).seed(4).assertLogDeterminants(codes);
        assertThat(logDets).containsExactly(new double[] {0, 0, 0, 0}, within(1e-12));
        SameDiff sd = SameDiff.create();
        FlowStep step = radial(10).transform(TestWeights.in(sd, 4), sd.constant(Nd4j.createFromArray(codes)), 3);
        assertThat(sd.output(Map.of(), step.z().name()).get(step.z().name()).toDoubleMatrix()).isEqualTo(codes);
    }

    @Test
    void eachStepDeclaresZ0AlphaAndBeta() {
        SameDiff sd = SameDiff.create();
        TestWeights weights = TestWeights.in(sd, 1);
        new RadialFlow().transform(weights, sd.constant(Nd4j.zeros(DataType.DOUBLE, 2, 3)), 3);
        assertThat(weights.declared()).hasSize(30).containsKeys("0.z0", "0.alpha", "0.beta", "9.z0", "9.alpha", "9.beta");
        assertThat(weights.declared().get("4.z0")).containsExactly(3);
        assertThat(weights.declared().get("4.beta")).containsExactly(1);
    }

    @Test
    void lengthDefaultsToTenAndStaysInRange() {
        Flow flow = new RadialFlow();
        assertThat(ParamValues.resolve("radial", flow.parameters(), Map.of()).integer("length")).isEqualTo(10);
        assertThatThrownBy(() -> ParamValues.resolve("radial", flow.parameters(), Map.of("length", "0")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("length");
    }
}
