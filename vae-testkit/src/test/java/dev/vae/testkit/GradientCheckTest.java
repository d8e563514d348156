package dev.vae.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ops.impl.controlflow.compat.StopGradient;
import org.nd4j.linalg.factory.Nd4j;

class GradientCheckTest {

    @Test
    void everyElementOfATrueGradientIsChecked() {
        int checked = GradientCheck.of((sd, in) -> in.get("out").mul(in.get("out")).mul(in.get("x")))
                .constant("x", Nd4j.createFromArray(new double[][] {{1, 2, 3}, {-1, 0.5, 4}}))
                .variable("out", Nd4j.createFromArray(new double[][] {{0.3, -1, 2}, {1.5, 0, -0.7}}))
                .assertMatchesCentralDifferences();
        assertThat(checked).isEqualTo(6);
    }

    @Test
    void aGradientCutHalfwayFailsAtTheFirstElement() {
        // d(out * stop(out)) / d out is out to SameDiff but 2 out to the differences.
        assertThatThrownBy(() -> GradientCheck.of((sd, in) -> in.get("out").mul(new StopGradient(sd, in.get("out")).outputVariable()))
                .variable("out", Nd4j.createFromArray(new double[][] {{0.5, 2}}))
                .assertMatchesCentralDifferences())
                .isInstanceOf(AssertionError.class)
                .hasMessageMatching("d output / d out\\[0, 0\\]: graph gradient 0\\.5 but central difference (0\\.9999\\d*|1\\.0000\\d*) "
                        + "\\(h = 1\\.0E-6, tolerance 1\\.0E-6 \\+ 1\\.0E-5 · \\|numeric\\|\\)");
    }
}
