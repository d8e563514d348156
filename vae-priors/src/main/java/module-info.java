/**
 * Prior plugins: the standard normal, a learned mixture of Gaussians, the VampPrior, the uniform relaxed
 * categorical.
 */
module dev.vae.prior {
    requires dev.vae.api;

    provides dev.vae.api.spi.Prior with dev.vae.prior.StandardNormalPrior, dev.vae.prior.MixturePrior,
            dev.vae.prior.VampPrior, dev.vae.prior.UniformCategoricalPrior;
}
