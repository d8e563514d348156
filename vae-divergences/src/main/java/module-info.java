/** Divergence plugins: the evidence lower bound. */
module dev.vae.divergence {
    requires dev.vae.api;

    provides dev.vae.api.spi.Divergence with dev.vae.divergence.KlDivergence;
}
