package dev.vae.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class LikelihoodNormalizationTest {
    private static final double[][] MEANS = {{-1.5}, {0}, {2}};

    @Test
    void aNormalizedDensityIntegratesToOneByTheTrapezoidRule() {
        double[] totals = LikelihoodNormalization.of(new UnitGaussian(true))
                .assertIntegratesToOne(-12, 12, 2401, MEANS, 1e-9);
        assertThat(totals).containsExactly(new double[] {1, 1, 1}, within(1e-9));
    }

    @Test
    void aDensityWithoutItsConstantIntegratesToTheSquareRootOfTwoPi() {
        assertThatThrownBy(() -> LikelihoodNormalization.of(new UnitGaussian(false))
                .assertIntegratesToOne(-12, 12, 2401, MEANS, 1e-6))
                .isInstanceOf(AssertionError.class)
                .hasMessageStartingWith("likelihood unit, decoder outputs [-1.5]: the density integrates over "
                        + "[-12.0, 12.0] (2401 points) to 2.50662827")
                .hasMessageEndingWith(", not 1 ± 1.0E-6");
    }

    @Test
    void aDiscreteSupportThatMissesMassFailsWithItsSum() {
        // Over {-1, 0, 1} the unit Gaussian at mean 0 has (1 + 2 exp(-1/2)) / sqrt(2 pi) = 0.8828837 of mass.
        assertThatThrownBy(() -> LikelihoodNormalization.of(new UnitGaussian(true))
                .assertSumsToOne(new double[] {-1, 0, 1}, new double[][] {{0}}, 1e-6))
                .isInstanceOf(AssertionError.class)
                .hasMessageStartingWith("likelihood unit, decoder outputs [0.0]: the probabilities of [-1.0, 0.0, 1.0] "
                        + "sum to 0.882883729")
                .hasMessageEndingWith(", not 1 ± 1.0E-6");
    }

    @Test
    void rowsOfTheWrongWidthAreRefused() {
        assertThatThrownBy(() -> LikelihoodNormalization.of(new UnitGaussian(true))
                .assertSumsToOne(new double[] {0, 1}, new double[][] {{0, 1}}, 1e-6))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("likelihood unit takes 1 decoder outputs per dimension, row 0 has 2");
    }
}
