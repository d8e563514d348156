package dev.vae.testkit;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class NoiseMomentsTest {

    @Test
    void standardNormalNoisePasses() {
        assertThatCode(() -> NoiseMoments.of(new ShiftedNormal(1)).latentDim(3).seed(7).assertMoments(0, 1))
                .doesNotThrowAnyException();
    }

    @Test
    void noiseTenPercentTooWideFailsOnItsVariance() {
        // Var = 1.21; five standard errors of 100,000 draws are about 5 * 1.21 * sqrt(2 / 1e5) = 0.027.
        assertThatThrownBy(() -> NoiseMoments.of(new ShiftedNormal(1.1)).seed(7).assertMoments(0, 1))
                .isInstanceOf(AssertionError.class)
                .hasMessageMatching("sampler shifted, noise column 0 of 100000 draws \\(seed 7\\): variance 1\\.2\\d+,"
                        + " expected 1\\.0 ± 0\\.02\\d+ \\(5\\.0 standard errors\\)");
    }

    @Test
    void aShiftedMeanFailsOnTheMean() {
        assertThatThrownBy(() -> NoiseMoments.of(new ShiftedNormal(1)).seed(7).assertMoments(0.05, 1))
                .isInstanceOf(AssertionError.class)
                .hasMessageMatching("sampler shifted, noise column 0 of 100000 draws \\(seed 7\\): mean -?0\\.00\\d+,"
                        + " expected 0\\.05 ± 0\\.015\\d+ \\(5\\.0 standard errors\\)");
    }
}
