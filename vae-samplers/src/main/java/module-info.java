/** Noise sampler plugins: normal and Laplace location-scale families, Gumbel-softmax categoricals. */
module dev.vae.sampler {
    requires dev.vae.api;

    provides dev.vae.api.spi.NoiseSampler with dev.vae.sampler.NormalSampler,
            dev.vae.sampler.LaplaceSampler,
            dev.vae.sampler.GumbelSoftmaxSampler;
}
