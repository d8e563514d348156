package dev.vae.core;

import dev.vae.core.plugin.PluginChoice;
import java.util.List;

/** A configuration of latent size 2 and seed 5 from the components a test's table row names. */
public final class ComponentConfigs {
    private ComponentConfigs() {
    }

    /** @param prior the prior, or null or blank for the family's own; {@code flow} likewise for none */
    public static VaeConfig of(String sampler, String prior, String flow, String encoder, String decoder,
                               String likelihood, String divergence, int samples) {
        VaeConfig.Builder b = VaeConfig.builder().latentDim(2).samples(samples).sampler(PluginChoice.parse(sampler.trim()))
                .encoder(PluginChoice.parse(encoder.trim())).decoder(PluginChoice.parse(decoder.trim()))
                .likelihood(PluginChoice.parse(likelihood.trim())).divergence(PluginChoice.parse(divergence.trim())).seed(5);
        if (prior != null && !prior.isBlank()) {
            b.prior(PluginChoice.parse(prior.trim()));
        }
        if (flow != null && !flow.isBlank()) {
            b.flows(List.of(PluginChoice.parse(flow.trim())));
        }
        return b.build();
    }
}
