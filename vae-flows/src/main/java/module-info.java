/** Flow plugins: planar, radial and inverse autoregressive flows. */
module dev.vae.flow {
    requires dev.vae.api;

    provides dev.vae.api.spi.Flow with dev.vae.flow.PlanarFlow,
            dev.vae.flow.RadialFlow,
            dev.vae.flow.IafFlow;
}
