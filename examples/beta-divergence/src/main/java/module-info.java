/** A divergence plugin for vae: the beta-VAE objective, which weights the KL term by beta. */
module dev.vae.example.beta {
    requires dev.vae.api;

    provides dev.vae.api.spi.Divergence with dev.vae.example.beta.BetaDivergence;
}
