/** Noise sampler plugins: the location-scale normal family. */
module dev.vae.sampler {
    requires dev.vae.api;

    provides dev.vae.api.spi.NoiseSampler with dev.vae.sampler.NormalSampler;
}
