/**
 * The plugin contracts of the framework: networks, families (noise samplers), flows, priors,
 * likelihoods, divergences and closed-form KLs, and the small values they exchange. Plugins compile
 * against this module alone.
 */
module dev.vae.api {
    requires transitive nd4j.api;

    exports dev.vae.api;
    exports dev.vae.api.spi;
    exports dev.vae.api.support;
}
