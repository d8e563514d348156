package dev.vae.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.factory.Nd4j;

class FlowJacobianTest {
    private static final double[][] CODES = {{0, 0, 0}, {0.3, -1.2, 2}, {-2.5, 0.7, 0.1}};

    @Test
    void theRightLogDeterminantAgreesAndIsReturned() {
        double[] logDets = FlowJacobian.of(new TanhShiftFlow(true)).codeWidth(3).assertLogDeterminants(CODES);
        // At 0 every slope is 1 + a with a = 0.5, its initial value.
        assertThat(logDets[0]).isCloseTo(3 * Math.log(1.5), within(1e-12));
        double t = Math.tanh(0.3);
        assertThat(logDets[1]).isCloseTo(Math.log(1 + 0.5 * (1 - t * t)) + slopes(-1.2) + slopes(2), within(1e-12));
    }

    @Test
    void aLogDeterminantWithoutTheDerivativeOfTanhFailsWhereItMatters() {
        // log 1.5 per dimension is right at 0 only; at 0.3 the slopes are 1 + 0.5 sech², not 1.5.
        assertThatThrownBy(() -> FlowJacobian.of(new TanhShiftFlow(false)).codeWidth(3).assertLogDeterminants(CODES))
                .isInstanceOf(AssertionError.class)
                .hasMessageMatching("flow tanh-shift, code \\[0\\.3, -1\\.2, 2\\.0\\]: log-determinant 1\\.2163\\d+ but "
                        + "log \\|det J\\| of the central-difference Jacobian \\(h = 1\\.0E-5\\) is 0\\.5534\\d+, "
                        + "beyond 1\\.0E-6");
    }

    @Test
    void anInvertibleOneDimensionalFlowIsMonotone() {
        assertThatCode(() -> FlowJacobian.of(new TanhShiftFlow(true)).assertMonotone(-5, 5, 1001))
                .doesNotThrowAnyException();
    }

    @Test
    void aFlowThatFoldsTheLineFailsItsMonotonicityThoughItsLogDeterminantIsRight() {
        // With a = -2, f(z) = z - 2 tanh(z) falls on (-0.88, 0.88) and rises outside.
        FlowJacobian folding = FlowJacobian.of(new TanhShiftFlow(true)).weight("a", Nd4j.createFromArray(-2.0));
        assertThatCode(() -> folding.assertLogDeterminants(new double[][] {{-2}, {0.3}, {1.5}}))
                .doesNotThrowAnyException();
        assertThatThrownBy(() -> folding.assertMonotone(-5, 5, 1001))
                .isInstanceOf(AssertionError.class)
                .hasMessageMatching("flow tanh-shift is not strictly monotone on \\[-5\\.0, 5\\.0\\]: f\\(-5\\.0\\) = -3\\.0001\\d+, "
                        + "f\\(-4\\.99\\) = -2\\.990\\d+ but f\\(-0\\.8[78]\\d*\\) = 0\\.5328\\d+, f\\(-0\\.8[67]\\d*\\) = 0\\.5327\\d+");
    }

    @Test
    void aCodeOfTheWrongWidthIsRefused() {
        assertThatThrownBy(() -> FlowJacobian.of(new TanhShiftFlow(true)).codeWidth(2)
                .assertLogDeterminants(new double[][] {{1, 2, 3}}))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("code 0 has 3 values, not 2");
    }

    private static double slopes(double z) {
        double t = Math.tanh(z);
        return Math.log(1 + 0.5 * (1 - t * t));
    }
}
