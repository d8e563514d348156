/** Noise sampler plugins: location-scale normal and Laplace families. */
module dev.vae.sampler {
    requires dev.vae.api;

    provides dev.vae.api.spi.NoiseSampler with dev.vae.sampler.NormalSampler,
            dev.vae.sampler.LaplaceSampler;
}
