/**
 * The generic amortized-inference trainer and the library API: finds plugins with
 * {@link java.util.ServiceLoader}, binds them by name with Guice, builds the model graph from a
 * configuration, trains, evaluates, saves and loads. It never names a concrete plugin.
 *
 * @uses dev.vae.api.spi.Network
 * @uses dev.vae.api.spi.NoiseSampler
 * @uses dev.vae.api.spi.Flow
 * @uses dev.vae.api.spi.Prior
 * @uses dev.vae.api.spi.Likelihood
 * @uses dev.vae.api.spi.Divergence
 * @uses dev.vae.api.spi.ClosedFormKl
 */
module dev.vae.core {
    requires transitive dev.vae.api;
    requires com.google.guice;
    requires com.google.gson;
    requires org.apache.commons.csv;
    requires jakarta.inject;
    requires nd4j.common;
    requires java.management;

    exports dev.vae.core;
    exports dev.vae.core.data;
    exports dev.vae.core.plugin;

    opens dev.vae.core to com.google.guice, com.google.gson;
    opens dev.vae.core.plugin to com.google.guice;

    uses dev.vae.api.spi.Network;
    uses dev.vae.api.spi.NoiseSampler;
    uses dev.vae.api.spi.Flow;
    uses dev.vae.api.spi.Prior;
    uses dev.vae.api.spi.Likelihood;
    uses dev.vae.api.spi.Divergence;
    uses dev.vae.api.spi.ClosedFormKl;
}
