package dev.vae.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.factory.Nd4j;

class PriorNormalizationTest {

    @Test
    void aNormalizedDensityIntegratesToOneInOneAndTwoDimensions() {
        double line = PriorNormalization.of(new ShiftedUnitPrior(true, true)).assertIntegratesToOne(-12, 12, 481, 1e-9);
        double plane = PriorNormalization.of(new ShiftedUnitPrior(true, true)).codeWidth(2)
                .weight("mu", Nd4j.createFromArray(1.0, -2.0)).assertIntegratesToOne(-12, 12, 241, 1e-9);
        assertThat(line).isCloseTo(1, within(1e-9));
        assertThat(plane).isCloseTo(1, within(1e-9));
    }

    @Test
    void aDensityWithoutItsConstantIntegratesToTwoPiInTwoDimensions() {
        assertThatThrownBy(() -> PriorNormalization.of(new ShiftedUnitPrior(false, true)).codeWidth(2)
                .assertIntegratesToOne(-12, 12, 241, 1e-6))
                .isInstanceOf(AssertionError.class)
                .hasMessageStartingWith("prior shifted-unit over [-12.0, 12.0]^2 (241 points per dimension): the density "
                        + "integrates to 6.28318530")
                .hasMessageEndingWith(", not 1 ± 1.0E-6");
    }

    @Test
    void drawsThatFollowTheDensityPassWithSetAndInitialWeights() {
        assertThatCode(() -> PriorNormalization.of(new ShiftedUnitPrior(true, true)).codeWidth(2)
                .weight("mu", Nd4j.createFromArray(1.0, -2.0)).seed(5).assertSamplesMatch(-12, 12, 241))
                .doesNotThrowAnyException();
        assertThatCode(() -> PriorNormalization.of(new ShiftedUnitPrior(true, true)).assertSamplesMatch(-12, 12, 481))
                .doesNotThrowAnyException();
    }

    @Test
    void drawsThatIgnoreTheLearnedMeanFailOnTheMean() {
        // The density's mean is 0.5, its initial mu; the draws' is 0 ± 5 / sqrt(1e5) = 0.016.
        assertThatThrownBy(() -> PriorNormalization.of(new ShiftedUnitPrior(true, false)).seed(5)
                .assertSamplesMatch(-12, 12, 481))
                .isInstanceOf(AssertionError.class)
                .hasMessageMatching("prior shifted-unit, code column 0 of 100000 draws \\(seed 6\\): sample mean "
                        + "-?0\\.00\\d+(E-\\d+)?, but the density's by quadrature is 0\\.(5000|4999)\\d* ± 0\\.015\\d+ "
                        + "\\(5\\.0 standard errors\\)");
    }

    @Test
    void onlyOneOrTwoDimensionsAreIntegrated() {
        assertThatThrownBy(() -> PriorNormalization.of(new ShiftedUnitPrior(true, true)).codeWidth(3))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("quadrature covers codes of 1 or 2 dimensions, got 3");
    }
}
