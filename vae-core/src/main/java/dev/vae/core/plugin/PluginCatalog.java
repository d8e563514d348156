package dev.vae.core.plugin;

import com.google.inject.Injector;
import com.google.inject.Key;
import com.google.inject.util.Types;
import dev.vae.api.spi.ClosedFormKl;
import dev.vae.api.spi.Divergence;
import dev.vae.api.spi.Flow;
import dev.vae.api.spi.Likelihood;
import dev.vae.api.spi.Network;
import dev.vae.api.spi.NoiseSampler;
import dev.vae.api.spi.Plugin;
import dev.vae.api.spi.Prior;
import dev.vae.core.VaeConfig;
import jakarta.inject.Inject;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** Every installed plugin, by kind and name, and the closed-form KLs, as bound by {@link PluginModule}. */
public final class PluginCatalog {
    private final Map<PluginKind<?>, PluginSet<?>> sets = new LinkedHashMap<>();
    private final Set<ClosedFormKl> closedFormKls;

    @Inject
    PluginCatalog(Injector injector, Set<ClosedFormKl> closedFormKls) {
        PluginKind.ALL.forEach(kind -> sets.put(kind, set(injector, kind)));
        this.closedFormKls = Set.copyOf(closedFormKls);
    }

    @SuppressWarnings("unchecked")
    private static <T extends Plugin<T>> PluginSet<T> set(Injector injector, PluginKind<T> kind) {
        Key<Map<String, T>> key = (Key<Map<String, T>>) Key.get(Types.mapOf(String.class, kind.spi()));
        return new PluginSet<>(kind.name(), injector.getInstance(key));
    }

    /** The plugins of one kind. */
    @SuppressWarnings("unchecked")
    public <T extends Plugin<T>> PluginSet<T> of(PluginKind<T> kind) {
        return (PluginSet<T>) sets.get(kind);
    }

    /** The closed-form KL of a family and a prior, if one is installed. */
    public Optional<ClosedFormKl> closedFormKl(String family, String prior) {
        return closedFormKls.stream().filter(kl -> kl.family().equals(family) && kl.prior().equals(prior)).findFirst();
    }

    /** Every closed-form KL installed. */
    public Set<ClosedFormKl> closedFormKls() {
        return closedFormKls;
    }

    /**
     * The configured plugins that a configuration names; the prior, where the configuration leaves it
     * to the family, is the family's default.
     *
     * @throws IllegalArgumentException for an unknown name or bad parameters
     */
    public Components resolve(VaeConfig config) {
        NoiseSampler sampler = of(PluginKind.SAMPLER).select(config.sampler());
        Prior prior = of(PluginKind.PRIOR).select(config.prior().orElse(PluginChoice.of(sampler.defaultPrior())));
        List<Flow> flows = config.flows().stream().map(of(PluginKind.FLOW)::select).toList();
        boolean oneLayer = config.latentLayers() == 1;
        return new Components(of(PluginKind.NETWORK).select(config.encoder()), sampler, flows, prior,
                of(PluginKind.NETWORK).select(config.decoder()), of(PluginKind.NETWORK).select(config.latentNetwork()),
                config.latentLayers(), of(PluginKind.LIKELIHOOD).select(config.likelihood()),
                of(PluginKind.DIVERGENCE).select(config.divergence()),
                flows.isEmpty() && oneLayer ? closedFormKl(sampler.name(), prior.name()) : Optional.empty());
    }

    /**
     * The configuration with the prior the family chooses where it was left open, and every plugin
     * parameter written out, defaults included: what a model records, so that a later release of a
     * plugin with other defaults cannot silently change a saved model.
     *
     * @throws IllegalArgumentException for an unknown name or bad parameters
     */
    public VaeConfig complete(VaeConfig config) {
        Map<String, Plugin<?>> plugins = resolve(config).byRole();
        VaeConfig.Builder b = config.toBuilder().flows(List.of())
                .prior(config.prior().orElse(PluginChoice.of(plugins.get("prior").name())));
        VaeConfig resolved = b.build();
        for (VaeConfig.Component c : resolved.components()) {
            b.component(c.role(), c.choice().withDefaults(plugins.get(c.role()).parameters()));
        }
        for (int i = 0; i < config.flows().size(); i++) {
            String role = VaeConfig.flowRole(i);
            b.component(role, config.flows().get(i).withDefaults(plugins.get(role).parameters()));
        }
        return b.build();
    }

    /**
     * The configured plugins of one model.
     *
     * @param latentNetwork the network between latent layers, used where there are two or more
     * @param latentLayers the stochastic layers, 1 for one latent code
     * @param closedFormKl the KL of family and prior in closed form, where one is installed, no flow
     *     changes q and there is one latent layer
     */
    public record Components(Network encoder, NoiseSampler sampler, List<Flow> flows, Prior prior, Network decoder,
                             Network latentNetwork, int latentLayers, Likelihood likelihood, Divergence divergence,
                             Optional<ClosedFormKl> closedFormKl) {

        /** Copies the flows. */
        public Components {
            flows = List.copyOf(flows);
        }

        /** The plugin playing each role of {@link VaeConfig#components()}, by role. */
        public Map<String, Plugin<?>> byRole() {
            Map<String, Plugin<?>> roles = new LinkedHashMap<>();
            roles.put("encoder", encoder);
            roles.put("sampler", sampler);
            for (int i = 0; i < flows.size(); i++) {
                roles.put(VaeConfig.flowRole(i), flows.get(i));
            }
            for (int layer = 2; layer <= latentLayers; layer++) {
                roles.put(VaeConfig.latentEncoderRole(layer), latentNetwork);
            }
            roles.put("prior", prior);
            for (int layer = latentLayers; layer >= 2; layer--) {
                roles.put(VaeConfig.latentDecoderRole(layer), latentNetwork);
            }
            roles.put("decoder", decoder);
            roles.put("likelihood", likelihood);
            roles.put("divergence", divergence);
            return roles;
        }
    }
}
