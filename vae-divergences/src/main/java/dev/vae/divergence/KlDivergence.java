package dev.vae.divergence;

import dev.vae.api.LogWeights;
import dev.vae.api.ParamValues;
import dev.vae.api.spi.Divergence;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;

/**
 * The evidence lower bound, E_q[log p(x|z)] - KL(q(z|x) || p(z)), averaged over the K samples
 * (Kingma and Welling 2014). It uses the sampler's closed-form KL when there is one and the Monte
 * Carlo estimate E_q[log p(z) - log q(z|x)] otherwise; see {@link LogWeights#elbo()}.
 */
public final class KlDivergence implements Divergence {

    @Override
    public String name() {
        return "kl";
    }

    @Override
    public String description() {
        return "evidence lower bound (ELBO): reconstruction minus KL(q || p), analytic when available";
    }

    @Override
    public Divergence configure(ParamValues values) {
        return this;
    }

    @Override
    public SDVariable bound(SameDiff sd, LogWeights weights) {
        return weights.elbo();
    }
}
