/** A flow plugin for vae: the radial flow, which contracts or expands codes around a learned point. */
module dev.vae.example.radial {
    requires dev.vae.api;

    provides dev.vae.api.spi.Flow with dev.vae.example.radial.RadialFlow;
}
