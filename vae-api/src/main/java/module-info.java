/**
 * The plugin contracts of the framework: likelihoods, noise samplers and divergences, and the small
 * values they exchange. Plugins compile against this module alone.
 */
module dev.vae.api {
    requires transitive nd4j.api;

    exports dev.vae.api;
    exports dev.vae.api.spi;
    exports dev.vae.api.support;
}
