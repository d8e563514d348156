package dev.vae.example.beta;

import dev.vae.api.LatentSample;
import dev.vae.api.LogWeights;
import dev.vae.api.ParamSpec;
import dev.vae.api.ParamValues;
import dev.vae.api.spi.Divergence;
import java.util.List;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;

/**
 * The beta-VAE objective of Higgins et al. (2017): E_q[log p(x|z)] - beta KL(q(z|x) || p(z)). A beta
 * above 1 pushes q towards the factorized prior, which trades reconstruction for codes whose
 * coordinates vary independently; beta = 1 is the ELBO.
 *
 * <p>Only the loss is reweighted. The reported bound stays the plain ELBO, so that runs with different
 * betas are compared on one scale: the weighted objective is a looser bound on log p(x) for beta above
 * 1 and no bound at all below it.
 */
public final class BetaDivergence implements Divergence {
    private static final List<ParamSpec> PARAMETERS = List.of(
            ParamSpec.real("beta", "weight of the KL term; 1 is the ELBO, above 1 favours independent latents",
                    4, 0, 1000));

    private final double beta;

    /** beta = 4. */
    public BetaDivergence() {
        this(4);
    }

    private BetaDivergence(double beta) {
        this.beta = beta;
    }

    @Override
    public String name() {
        return "beta";
    }

    @Override
    public String description() {
        return "beta-VAE: reconstruction minus beta KL(q || p) (Higgins et al. 2017); reports the ELBO";
    }

    @Override
    public List<ParamSpec> parameters() {
        return PARAMETERS;
    }

    @Override
    public Divergence configure(ParamValues values) {
        return new BetaDivergence(values.real("beta"));
    }

    /** The ELBO, whatever beta is; see the class comment. */
    @Override
    public SDVariable bound(SameDiff sd, LogWeights weights) {
        return weights.elbo();
    }

    /**
     * -mean_b [mean_k log p(x|z_k) - beta KL], averaged over the batch as the default loss averages
     * the bound, so that a learning rate that suits the ELBO suits beta near 1 too.
     */
    @Override
    public SDVariable loss(SameDiff sd, LogWeights weights) {
        SDVariable reconstruction = weights.meanOverSamples(weights.logLikelihood());
        return reconstruction.sub(kl(weights).mul(beta)).mean().neg();
    }

    /**
     * The sampler's closed form where it has one, since it has no sampling noise; otherwise the Monte
     * Carlo estimate mean_k [log q(z_k|x) - log p(z_k)], as {@link LogWeights#elbo()} does.
     */
    private static SDVariable kl(LogWeights weights) {
        LatentSample latent = weights.latent();
        return latent.analyticKl()
                .orElseGet(() -> weights.meanOverSamples(latent.logPosterior().sub(latent.logPrior())));
    }
}
