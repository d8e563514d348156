package dev.vae.divergence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.vae.api.LatentSample;
import dev.vae.api.LogWeights;
import dev.vae.api.ParamValues;
import dev.vae.api.spi.Divergence;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.factory.Nd4j;

/** The alpha and chi bounds on fixed log-weights against their closed forms and their ordering. */
class PowerMeanBoundsTest {
    /** log w of K = 4 samples (rows) for B = 3 examples, spread wide enough to need log-sum-exp. */
    private static final double[][] LOG_W = {{-100, -5, 3}, {-101.5, -9, 2}, {-99, -4, 3.5}, {-103, -20, -1}};

    private static double[] bound(Divergence divergence) {
        SameDiff sd = SameDiff.create();
        SDVariable logW = sd.constant("logw", Nd4j.createFromArray(LOG_W));
        SDVariable zero = sd.constant("zero", Nd4j.zeros(4, 3).castTo(org.nd4j.linalg.api.buffer.DataType.DOUBLE));
        LogWeights weights = new LogWeights(logW, new LatentSample(zero, zero, zero, Optional.empty()), 4);
        SDVariable b = divergence.bound(sd, weights);
        return sd.output(Map.of(), b.name()).get(b.name()).toDoubleVector();
    }

    private static Divergence alpha(double a) {
        AlphaDivergence d = new AlphaDivergence();
        return d.configure(ParamValues.resolve("alpha", d.parameters(), Map.of("alpha", Double.toString(a))));
    }

    private static Divergence chi(double n) {
        ChiDivergence d = new ChiDivergence();
        return d.configure(ParamValues.resolve("chi", d.parameters(), Map.of("n", Double.toString(n))));
    }

    private static double powerMean(int example, double p) {
        double max = Double.NEGATIVE_INFINITY;
        for (double[] row : LOG_W) {
            max = Math.max(max, p * row[example]);
        }
        double sum = 0;
        for (double[] row : LOG_W) {
            sum += Math.exp(p * row[example] - max);
        }
        return (max + Math.log(sum / LOG_W.length)) / p;
    }

    @Test
    void theAlphaBoundIsTheRenyiPowerMean() {
        for (double a : new double[] {0, 0.5, -1}) {
            double[] got = bound(alpha(a));
            for (int b = 0; b < 3; b++) {
                assertThat(got[b]).isCloseTo(powerMean(b, 1 - a), within(1e-9));
            }
        }
    }

    @Test
    void boundsAreOrderedElboBelowAlphaBelowIwaeBelowCubo() {
        double[] elbo = bound(new KlDivergence());
        double[] half = bound(alpha(0.5));
        double[] iwae = bound(alpha(0));
        double[] cubo = bound(chi(2));
        for (int b = 0; b < 3; b++) {
            assertThat(elbo[b]).isLessThanOrEqualTo(half[b]);
            assertThat(half[b]).isLessThanOrEqualTo(iwae[b]);
            assertThat(iwae[b]).isLessThanOrEqualTo(cubo[b]);
            assertThat(cubo[b]).isCloseTo(powerMean(b, 2), within(1e-9));
        }
    }

    @Test
    void chiTrainsTheEncoderOnMinusElboPlusTheSandwichWidthAndTheDecoderOnTheElbo() {
        SameDiff sd = SameDiff.create();
        SDVariable logW = sd.constant("logw", Nd4j.createFromArray(LOG_W));
        SDVariable zero = sd.constant("zero", Nd4j.zeros(4, 3).castTo(org.nd4j.linalg.api.buffer.DataType.DOUBLE));
        LogWeights weights = new LogWeights(logW, new LatentSample(zero, zero, zero, Optional.empty()), 4);
        Divergence chi = new ChiDivergence().configure(ParamValues.resolve("chi", new ChiDivergence().parameters(),
                Map.of("width", "3")));
        SDVariable loss = chi.loss(sd, weights);
        double expected = 0;
        for (int b = 0; b < 3; b++) {
            double meanLogW = 0;
            for (double[] row : LOG_W) {
                meanLogW += row[b] / LOG_W.length;
            }
            expected += (3 * (powerMean(b, 2) - meanLogW) - meanLogW) / 3;
        }
        assertThat(sd.output(Map.of(), loss.name()).get(loss.name()).getDouble(0)).isCloseTo(expected, within(1e-9));
        assertThat(chi.decoderObjective()).get().isInstanceOf(KlDivergence.class);
        LogWeights single = new LogWeights(logW, new LatentSample(zero, zero, zero, Optional.empty()), 1);
        assertThatThrownBy(() -> chi.loss(sd, single)).hasMessageStartingWith("the chi divergence needs at least 2 samples");
    }

    @Test
    void alphaOneIsRefusedWithAPointerToTheElbo() {
        assertThatThrownBy(() -> alpha(1)).hasMessage("alpha = 1 is the ELBO: use --divergence kl");
    }
}
