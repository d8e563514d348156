package dev.vae.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class KlAgreementTest {

    @Test
    void theRightKlAgreesAndIsReturned() {
        double kl = agreement(1).latentDim(2).seed(3).assertAgrees(1.0, -2.0);
        assertThat(kl).isCloseTo(0.5 * (1 + 4), within(1e-12));
    }

    @Test
    void aKlTwiceTooLargeFails() {
        // The estimate is 2.5 ± 5 * sqrt(5) / sqrt(1e5) = 0.035; the faulty analytic KL says 5.
        assertThatThrownBy(() -> agreement(2).latentDim(2).seed(3).assertAgrees(1.0, -2.0))
                .isInstanceOf(AssertionError.class)
                .hasMessageMatching("sampler shifted, encoder output \\[1\\.0, -2\\.0\\]: analytic KL 5\\.0 but "
                        + "mean\\(log q - log p\\) over 100000 draws \\(seed 3\\) is 2\\.4\\d+ ± 0\\.03\\d+ "
                        + "\\(5\\.0 standard errors\\)");
    }

    @Test
    void anEncoderOutputOfTheWrongWidthIsRefused() {
        assertThatThrownBy(() -> agreement(1).latentDim(2).assertAgrees(1.0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("sampler shifted takes 2 encoder outputs for 2 latent variables, got 1");
    }

    private static KlAgreement agreement(double klFactor) {
        return KlAgreement.of(new ShiftedNormal.Kl(klFactor), new ShiftedNormal(1), new ShiftedNormal.UnitPrior());
    }
}
