/** Flow plugins: planar flows. */
module dev.vae.flow {
    requires dev.vae.api;
}
