/** Flow plugins: planar flows. */
module dev.vae.flow {
    requires dev.vae.api;

    provides dev.vae.api.spi.Flow with dev.vae.flow.PlanarFlow;
}
