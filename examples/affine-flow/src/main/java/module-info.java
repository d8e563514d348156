/** A flow plugin for vae: an elementwise affine map of the codes with a learned scale and shift. */
module dev.vae.example.affine {
    requires dev.vae.api;

    provides dev.vae.api.spi.Flow with dev.vae.example.affine.AffineFlow;
}
