/**
 * Divergence plugins: the evidence lower bound, the Renyi (IWAE) bound, the chi upper bound and
 * adversarial variational Bayes.
 */
module dev.vae.divergence {
    requires dev.vae.api;

    provides dev.vae.api.spi.Divergence with dev.vae.divergence.KlDivergence,
            dev.vae.divergence.AlphaDivergence, dev.vae.divergence.ChiDivergence, dev.vae.divergence.AvbDivergence;
}
