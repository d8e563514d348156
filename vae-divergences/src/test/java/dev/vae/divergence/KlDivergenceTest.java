package dev.vae.divergence;

import static org.assertj.core.api.Assertions.assertThat;
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
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

class KlDivergenceTest {
    private static final double[][] LOG_LIKELIHOOD = {{-10, -20, -5}, {-12, -18, -7}};
    private static final double[][] LOG_PRIOR = {{-1, -2, -3}, {-1.5, -2.5, -0.5}};
    private static final double[][] LOG_POSTERIOR = {{-0.5, -1, -2}, {-1, -1, -1}};
    private static final double[] ANALYTIC_KL = {0.3, 0.7, 1.1};

    private double[] bound(boolean analytic) {
        return bound(analytic, new KlDivergence());
    }

    private double[] bound(boolean analytic, Divergence divergence) {
        SameDiff sd = SameDiff.create();
        SDVariable ll = sd.constant("ll", Nd4j.createFromArray(LOG_LIKELIHOOD));
        SDVariable lp = sd.constant("lp", Nd4j.createFromArray(LOG_PRIOR));
        SDVariable lq = sd.constant("lq", Nd4j.createFromArray(LOG_POSTERIOR));
        Optional<SDVariable> kl = analytic ? Optional.of(sd.constant("kl", Nd4j.createFromArray(ANALYTIC_KL)))
                : Optional.empty();
        LogWeights weights = new LogWeights(ll, new LatentSample(lp, lq, lp, kl), 2);
        SDVariable bound = divergence.bound(sd, weights);
        INDArray out = sd.output(Map.of(), bound.name()).get(bound.name());
        return out.toDoubleVector();
    }

    @Test
    void averagesTheReconstructionOverSamplesAndSubtractsTheAnalyticKl() {
        double[] b = bound(true);
        for (int n = 0; n < 3; n++) {
            double mean = (LOG_LIKELIHOOD[0][n] + LOG_LIKELIHOOD[1][n]) / 2;
            assertThat(b[n]).isCloseTo(mean - ANALYTIC_KL[n], within(1e-12));
        }
    }

    @Test
    void averagesTheLogWeightsWhenThereIsNoClosedForm() {
        assertMeanOfLogWeights(bound(false));
    }

    @Test
    void theMonteCarloEstimatorAveragesTheLogWeightsEvenWithAClosedForm() {
        Divergence monteCarlo = new KlDivergence().configure(ParamValues.resolve("kl", new KlDivergence().parameters(),
                Map.of("estimator", "monte-carlo")));
        assertMeanOfLogWeights(bound(true, monteCarlo));
    }

    private static void assertMeanOfLogWeights(double[] b) {
        for (int n = 0; n < 3; n++) {
            double sum = 0;
            for (int k = 0; k < 2; k++) {
                sum += LOG_LIKELIHOOD[k][n] + LOG_PRIOR[k][n] - LOG_POSTERIOR[k][n];
            }
            assertThat(b[n]).isCloseTo(sum / 2, within(1e-12));
        }
    }
}
