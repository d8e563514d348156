/**
 * Variational families: normal and Laplace location-scale families, Gumbel-softmax categoricals, an
 * implicit family without a density, and their closed-form KLs to the priors they are used with.
 */
module dev.vae.sampler {
    requires dev.vae.api;

    provides dev.vae.api.spi.NoiseSampler with dev.vae.sampler.NormalSampler,
            dev.vae.sampler.LaplaceSampler,
            dev.vae.sampler.GumbelSoftmaxSampler,
            dev.vae.sampler.ImplicitSampler;
    provides dev.vae.api.spi.ClosedFormKl with dev.vae.sampler.NormalStandardNormalKl,
            dev.vae.sampler.LaplaceStandardNormalKl,
            dev.vae.sampler.GumbelUniformKl;
}
