package dev.vae.core.plugin;

import dev.vae.api.spi.Divergence;
import dev.vae.api.spi.Flow;
import dev.vae.api.spi.Likelihood;
import dev.vae.api.spi.Network;
import dev.vae.api.spi.NoiseSampler;
import dev.vae.api.spi.Plugin;
import dev.vae.api.spi.Prior;
import java.util.List;
import java.util.Objects;

/**
 * One kind of model component that plugins provide: the only place a kind is described. Discovery,
 * binding, the catalog, the model file and {@code vae plugins} all work from {@link #ALL}, so a new
 * kind is one entry here.
 *
 * @param name the kind as users see it, in messages and model files
 * @param spi the service interface its plugins implement
 * @param title how {@code vae plugins} heads the kind's list
 * @param options the command-line options that choose a plugin of the kind
 * @param <T> the service interface
 */
public record PluginKind<T extends Plugin<T>>(String name, Class<T> spi, String title, String options) {

    /** Encoder and decoder architectures. */
    public static final PluginKind<Network> NETWORK =
            new PluginKind<>("network", Network.class, "Networks", "--encoder, --decoder");
    /** Variational families q(z|x). */
    public static final PluginKind<NoiseSampler> SAMPLER =
            new PluginKind<>("sampler", NoiseSampler.class, "Samplers (the family of q)", "--sampler");
    /** Invertible transforms of q's draws. */
    public static final PluginKind<Flow> FLOW = new PluginKind<>("flow", Flow.class, "Flows", "--flow, repeatable");
    /** Priors p(z). */
    public static final PluginKind<Prior> PRIOR = new PluginKind<>("prior", Prior.class, "Priors", "--prior");
    /** Observation models p(x|z). */
    public static final PluginKind<Likelihood> LIKELIHOOD =
            new PluginKind<>("likelihood", Likelihood.class, "Likelihoods", "--likelihood");
    /** Bounds and losses. */
    public static final PluginKind<Divergence> DIVERGENCE =
            new PluginKind<>("divergence", Divergence.class, "Divergences", "--divergence");

    /** Every kind, in the order data flows through a model. */
    public static final List<PluginKind<?>> ALL = List.of(NETWORK, SAMPLER, FLOW, PRIOR, LIKELIHOOD, DIVERGENCE);

    /** Checks that nothing is null. */
    public PluginKind {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(spi, "spi");
        Objects.requireNonNull(title, "title");
        Objects.requireNonNull(options, "options");
    }

    /** The kind whose name this is. */
    public static java.util.Optional<PluginKind<?>> named(String name) {
        return ALL.stream().filter(k -> k.name.equals(name)).findFirst();
    }
}
