package dev.vae.example.affine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.vae.api.FlowStep;
import dev.vae.testkit.FlowJacobian;
import dev.vae.testkit.GradientCheck;
import dev.vae.testkit.InputWeights;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.factory.Nd4j;

class AffineFlowTest {
    private static final double[][][] CODES = {
        {{-1.5}, {0.2}, {3}},
        {{0, 0}, {1, -2}, {-0.3, 0.4}},
        {{0, 0, 0}, {1, -2, 0.5}, {-0.3, 0.4, 2}}};
    private static final double[] S = {0.7, -1.9, 0.2};
    private static final double[] T = {-0.4, 1.1, 2.5};

    @Test
    void theLogDeterminantIsThatOfTheNumericalJacobianInOneToThreeDimensions() {
        for (int width = 1; width <= 3; width++) {
            double[] logDets = FlowJacobian.of(new AffineFlow()).codeWidth(width)
                    .weight("s", Nd4j.createFromArray(Arrays.copyOf(S, width)))
                    .weight("t", Nd4j.createFromArray(Arrays.copyOf(T, width)))
                    .assertLogDeterminants(CODES[width - 1]);
            double sum = Arrays.stream(S, 0, width).sum();
            assertThat(logDets).containsExactly(new double[] {sum, sum, sum}, within(1e-12));
        }
    }

    @Test
    void inOneDimensionItIsIncreasingEvenAtAScaleOfEToTheMinusTen() {
        FlowJacobian.of(new AffineFlow()).weight("s", Nd4j.createFromArray(-10.0)).weight("t", Nd4j.createFromArray(3.0))
                .assertMonotone(-4, 5, 1801);
    }

    @Test
    void gradientsOfCodesAndWeightsMatchCentralDifferences() {
        GradientCheck.of((sd, in) -> {
            FlowStep step = new AffineFlow().transform(new InputWeights(sd, in), in.get("z"), 2);
            return step.z().mul(step.z()).sum(1).add(step.logDetJacobian());
        })
                .variable("z", Nd4j.createFromArray(CODES[1]))
                .variable("s", Nd4j.createFromArray(0.5, -1.0))
                .variable("t", Nd4j.createFromArray(0.3, -0.6))
                .assertMatchesCentralDifferences();
    }

    @Test
    void itStartsAsTheIdentity() {
        double[] logDets = FlowJacobian.of(new AffineFlow()).codeWidth(2).assertLogDeterminants(CODES[1]);
        assertThat(logDets).containsExactly(new double[] {0, 0, 0}, within(1e-15));
    }
}
