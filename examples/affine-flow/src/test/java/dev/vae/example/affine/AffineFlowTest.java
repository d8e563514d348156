package dev.vae.example.radial;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.vae.api.FlowStep;
import dev.vae.testkit.FlowJacobian;
import dev.vae.testkit.GradientCheck;
import dev.vae.testkit.InputWeights;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.factory.Nd4j;

class RadialFlowTest {
    private static final double[][][] CODES = {
        {{-1.5}, {0.2}, {3}},
        {{0, 0}, {1, -2}, {-0.3, 0.4}},
        {{0, 0, 0}, {1, -2, 0.5}, {-0.3, 0.4, 2}}};

    @Test
    void theLogDeterminantIsThatOfTheNumericalJacobianInOneToThreeDimensions() {
        // Raw weights (alpha, beta) = (0.5, -3): alpha = 0.974, beta = -0.926, close to its bound -alpha.
        for (double[] raw : new double[][] {{0.5, -3}, {-1, 2}}) {
            for (int width = 1; width <= 3; width++) {
                FlowJacobian.of(new RadialFlow()).codeWidth(width).seed(width)
                        .weight("alpha", Nd4j.createFromArray(raw[0])).weight("beta", Nd4j.createFromArray(raw[1]))
                        .assertLogDeterminants(CODES[width - 1]);
            }
        }
    }

    @Test
    void inOneDimensionItIsIncreasingEvenAtItsStrongestContraction() {
        FlowJacobian.of(new RadialFlow()).weight("z0", Nd4j.createFromArray(0.5))
                .weight("alpha", Nd4j.createFromArray(0.0)).weight("beta", Nd4j.createFromArray(-8.0))
                .assertMonotone(-4, 5, 1801);
    }

    @Test
    void gradientsOfCodesAndWeightsMatchCentralDifferences() {
        GradientCheck.of((sd, in) -> {
            FlowStep step = new RadialFlow().transform(new InputWeights(sd, in), in.get("z"), 2);
            return step.z().mul(step.z()).sum(1).add(step.logDetJacobian());
        })
                .variable("z", Nd4j.createFromArray(CODES[1]))
                .variable("z0", Nd4j.createFromArray(0.3, -0.6))
                .variable("alpha", Nd4j.createFromArray(0.5))
                .variable("beta", Nd4j.createFromArray(-1.0))
                .assertMatchesCentralDifferences();
    }

    @Test
    void itStartsAsTheIdentity() {
        double[] logDets = FlowJacobian.of(new RadialFlow()).codeWidth(2).assertLogDeterminants(CODES[1]);
        assertThat(logDets).containsExactly(new double[] {0, 0, 0}, within(1e-15));
    }
}
