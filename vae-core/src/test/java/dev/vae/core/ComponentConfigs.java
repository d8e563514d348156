package dev.vae.core;

import dev.vae.core.plugin.PluginChoice;
import java.util.Arrays;
import java.util.List;

/** A configuration of seed 5 from the components a test's table row names. */
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

    /**
     * Models of two or three latent layers with small tanh networks, each divergence, with a flow and
     * a learned prior on the top layer: what, latent sizes, sampler, flow, prior, likelihood,
     * divergence, samples.
     */
    public static final List<String> LATENT_LAYER_ROWS = List.of(
            "two layers; 3,2; normal; ; ; gaussian; kl; 1",
            "two layers, IWAE; 3,2; normal; ; ; bernoulli; alpha:alpha=0; 3",
            "two layers, chi; 3,2; normal; ; ; bernoulli; chi; 2",
            "three layers, Laplace; 3,2,1; laplace; ; ; bernoulli; kl; 2",
            "two layers, planar flow, mixture prior; 2,2; normal; planar:length=1; mixture:components=2; bernoulli; kl; 1",
            "two layers, IAF with its context, IWAE; 3,2; normal; iaf:hidden=4,context=3; ; bernoulli; alpha:alpha=0; 2");

    /**
     * Conditional models, on the one-hot of 3 classes, with vector data (7 values) or images (5 x 6),
     * in combinations of the components that the condition reaches: what, data (vector or image),
     * sampler, prior, flow, encoder, decoder, likelihood, divergence, samples.
     */
    public static final List<String> CONDITIONAL_ROWS = List.of(
            "conditional mlp; vector; normal; ; ; mlp:hidden=5; mlp:hidden=5; bernoulli; kl; 1",
            "conditional mlp, mixture prior, IWAE; vector; normal; mixture:components=2; ; mlp:hidden=5; mlp:hidden=5; bernoulli; alpha:alpha=0; 3",
            "conditional, amortized planar flow, chi; vector; normal; ; planar:length=2,params=amortized; mlp:hidden=5; mlp:hidden=5; gaussian; chi; 2",
            "conditional mlp on images; image; normal; ; ; mlp:hidden=5; mlp:hidden=5; bernoulli; kl; 2",
            "conditional conv encoder and decoder; image; normal; ; ; conv:channels=2,layers=2; conv:channels=2,layers=2; bernoulli; kl; 2",
            "conditional conv encoder, Gumbel; image; gumbel:categories=3,temperature=0.7; ; ; conv:channels=2,layers=1,kernel=3; mlp:hidden=5; bernoulli; kl; 1");

    /** The configuration of a row of {@link #CONDITIONAL_ROWS}, split at ';'. */
    public static VaeConfig conditional(String row) {
        String[] f = row.split(";", -1);
        return of(f[2], f[3], f[4], f[5], f[6], f[7], f[8], Integer.parseInt(f[9].trim())).toBuilder()
                .condition(Condition.labels(3)).build();
    }

    /** The data shape of a row of {@link #CONDITIONAL_ROWS}. */
    public static dev.vae.api.FeatureShape conditionalShape(String row) {
        return row.split(";")[1].trim().equals("image") ? new dev.vae.api.FeatureShape(1, 5, 6)
                : dev.vae.api.FeatureShape.vector(7);
    }

    /** The configuration of a row of {@link #LATENT_LAYER_ROWS}, split at ';'. */
    public static VaeConfig latentLayers(String row) {
        String[] f = Arrays.stream(row.split(";", -1)).map(String::trim).toArray(String[]::new);
        VaeConfig.Builder b = VaeConfig.builder().hiddenDims(List.of(5)).activation("tanh").seed(5)
                .latentDims(Arrays.stream(f[1].split(",")).map(Integer::valueOf).toList())
                .latentNetwork(PluginChoice.parse("mlp:hidden=4,activation=tanh")).sampler(PluginChoice.parse(f[2]))
                .likelihood(PluginChoice.parse(f[5])).divergence(PluginChoice.parse(f[6])).samples(Integer.parseInt(f[7]));
        if (!f[3].isEmpty()) {
            b.flows(List.of(PluginChoice.parse(f[3])));
        }
        if (!f[4].isEmpty()) {
            b.prior(PluginChoice.parse(f[4]));
        }
        return b.build();
    }
}
