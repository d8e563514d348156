package dev.vae.example.beta;

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

/** The loss and bound on fixed log-weights of K = 2 samples (rows) for B = 3 examples, against hand sums. */
class BetaDivergenceTest {
    private static final double[][] LOG_LIKELIHOOD = {{-10, -20, -5}, {-12, -18, -7}};
    private static final double[][] LOG_PRIOR = {{-1, -2, -3}, {-1.5, -2.5, -0.5}};
    private static final double[][] LOG_POSTERIOR = {{-0.5, -1, -2}, {-1, -1, -1}};
    private static final double[] ANALYTIC_KL = {0.3, 0.7, 1.1};

    /** mean_k log p(x|z_k) per example: (-10 - 12) / 2, (-20 - 18) / 2, (-5 - 7) / 2. */
    private static final double[] RECONSTRUCTION = {-11, -19, -6};
    /** mean_k [log q - log p(z)] per example: (0.5 + 0.5) / 2, (1 + 1.5) / 2, (1 - 0.5) / 2. */
    private static final double[] MONTE_CARLO_KL = {0.5, 1.25, 0.25};

    private final SameDiff sd = SameDiff.create();

    private LogWeights weights(boolean analytic) {
        SDVariable ll = sd.constant(Nd4j.createFromArray(LOG_LIKELIHOOD));
        SDVariable lp = sd.constant(Nd4j.createFromArray(LOG_PRIOR));
        SDVariable lq = sd.constant(Nd4j.createFromArray(LOG_POSTERIOR));
        Optional<SDVariable> kl = analytic ? Optional.of(sd.constant(Nd4j.createFromArray(ANALYTIC_KL)))
                : Optional.empty();
        return new LogWeights(ll, new LatentSample(lp, lq, lp, kl), 2);
    }

    private double[] eval(SDVariable v) {
        return sd.output(Map.of(), v.name()).get(v.name()).toDoubleVector();
    }

    private static Divergence beta(String value) {
        BetaDivergence d = new BetaDivergence();
        return d.configure(ParamValues.resolve("beta", d.parameters(), Map.of("beta", value)));
    }

    /** -mean_b [reconstruction_b - beta kl_b], written out. */
    private static double expectedLoss(double beta, double[] kl) {
        double sum = 0;
        for (int b = 0; b < 3; b++) {
            sum += RECONSTRUCTION[b] - beta * kl[b];
        }
        return -sum / 3;
    }

    @Test
    void theLossWeightsTheAnalyticKlByBeta() {
        double loss = eval(new BetaDivergence().loss(sd, weights(true)))[0];
        assertThat(loss).isCloseTo(expectedLoss(4, ANALYTIC_KL), within(1e-12));
        // -[(-11 - 4 * 0.3) + (-19 - 4 * 0.7) + (-6 - 4 * 1.1)] / 3
        assertThat(loss).isCloseTo(14.8, within(1e-12));
    }

    @Test
    void theLossWeightsTheMonteCarloKlByBetaWhenThereIsNoClosedForm() {
        double loss = eval(new BetaDivergence().loss(sd, weights(false)))[0];
        assertThat(loss).isCloseTo(expectedLoss(4, MONTE_CARLO_KL), within(1e-12));
        // -[(-11 - 4 * 0.5) + (-19 - 4 * 1.25) + (-6 - 4 * 0.25)] / 3
        assertThat(loss).isCloseTo(44.0 / 3, within(1e-12));
    }

    @Test
    void betaOneIsTheNegatedMeanElbo() {
        for (boolean analytic : new boolean[] {true, false}) {
            LogWeights w = weights(analytic);
            double loss = eval(beta("1").loss(sd, w))[0];
            double nelbo = eval(w.elbo().mean().neg())[0];
            assertThat(loss).isCloseTo(nelbo, within(1e-12));
            // -[(-11 - 0.3) + (-19 - 0.7) + (-6 - 1.1)] / 3 and -[(-11 - 0.5) + (-19 - 1.25) + (-6 - 0.25)] / 3
            assertThat(loss).isCloseTo(analytic ? 38.1 / 3 : 38.0 / 3, within(1e-12));
        }
    }

    @Test
    void theBoundIsThePlainElboWhateverBetaIs() {
        LogWeights w = weights(true);
        assertThat(eval(beta("10").bound(sd, w))).containsExactly(eval(w.elbo()), within(1e-12));
        assertThat(eval(w.elbo())).containsExactly(new double[] {-11.3, -19.7, -7.1}, within(1e-12));
    }

    @Test
    void parametersResolveWithTheDefaultAndTheRange() {
        BetaDivergence d = new BetaDivergence();
        assertThat(ParamValues.resolve("beta", d.parameters(), Map.of()).real("beta")).isEqualTo(4);
        assertThat(ParamValues.resolve("beta", d.parameters(), Map.of("beta", "0.5")).real("beta")).isEqualTo(0.5);
        assertThatThrownBy(() -> beta("-1")).hasMessage("beta: parameter beta takes a number in [0, 1000], got -1");
        assertThatThrownBy(() -> ParamValues.resolve("beta", d.parameters(), Map.of("gamma", "1")))
                .hasMessage("beta has no parameter 'gamma'; it takes beta");
    }
}
