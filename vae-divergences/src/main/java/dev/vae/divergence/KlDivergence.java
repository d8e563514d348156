package dev.vae.divergence;

import dev.vae.api.LogWeights;
import dev.vae.api.ParamSpec;
import dev.vae.api.ParamValues;
import dev.vae.api.spi.Divergence;
import java.util.List;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;

/**
 * The evidence lower bound, E_q[log p(x|z)] - KL(q(z|x) || p(z)), averaged over the K samples
 * (Kingma and Welling 2014). It uses the sampler's closed-form KL when there is one and the Monte
 * Carlo estimate E_q[log p(z) - log q(z|x)] otherwise; see {@link LogWeights#elbo()}. With
 * {@code estimator=monte-carlo} it trains on the Monte Carlo estimate even where a closed form exists:
 * the same bound in expectation with more variance, which is what a flow or a learned prior must use,
 * so that a comparison with them can tell the estimator's share from the model's.
 */
public final class KlDivergence implements Divergence {
    private static final String ANALYTIC = "analytic";
    private static final String MONTE_CARLO = "monte-carlo";
    private static final List<ParamSpec> PARAMETERS = List.of(ParamSpec.choice("estimator",
            "the KL term: analytic (closed form where the family and prior have one) or monte-carlo (always from the draws)",
            List.of(ANALYTIC, MONTE_CARLO)));

    private final boolean monteCarlo;

    /** The closed form where there is one. */
    public KlDivergence() {
        this(false);
    }

    private KlDivergence(boolean monteCarlo) {
        this.monteCarlo = monteCarlo;
    }

    @Override
    public String name() {
        return "kl";
    }

    @Override
    public String description() {
        return "evidence lower bound (ELBO): reconstruction minus KL(q || p), analytic when available";
    }

    @Override
    public List<ParamSpec> parameters() {
        return PARAMETERS;
    }

    @Override
    public Divergence configure(ParamValues values) {
        return new KlDivergence(values.choice("estimator").equals(MONTE_CARLO));
    }

    @Override
    public SDVariable bound(SameDiff sd, LogWeights weights) {
        return monteCarlo ? weights.meanOverSamples(weights.logWeights()) : weights.elbo();
    }
}
