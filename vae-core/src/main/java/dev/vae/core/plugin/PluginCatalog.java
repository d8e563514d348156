package dev.vae.core.plugin;

import dev.vae.api.spi.Divergence;
import dev.vae.api.spi.Likelihood;
import dev.vae.api.spi.NoiseSampler;
import dev.vae.core.VaeConfig;
import jakarta.inject.Inject;
import java.util.Map;

/** Every installed plugin, by kind and name, as bound by {@link PluginModule}. */
public final class PluginCatalog {
    private final PluginSet<Likelihood> likelihoods;
    private final PluginSet<NoiseSampler> samplers;
    private final PluginSet<Divergence> divergences;

    @Inject
    PluginCatalog(Map<String, Likelihood> likelihoods, Map<String, NoiseSampler> samplers,
                  Map<String, Divergence> divergences) {
        this.likelihoods = new PluginSet<>("likelihood", likelihoods);
        this.samplers = new PluginSet<>("sampler", samplers);
        this.divergences = new PluginSet<>("divergence", divergences);
    }

    /** The likelihood plugins. */
    public PluginSet<Likelihood> likelihoods() {
        return likelihoods;
    }

    /** The noise sampler plugins. */
    public PluginSet<NoiseSampler> samplers() {
        return samplers;
    }

    /** The divergence plugins. */
    public PluginSet<Divergence> divergences() {
        return divergences;
    }

    /**
     * The configured plugins that a configuration names.
     *
     * @throws IllegalArgumentException for an unknown name or bad parameters
     */
    public Components resolve(VaeConfig config) {
        return new Components(likelihoods.select(config.likelihood()), samplers.select(config.sampler()),
                divergences.select(config.divergence()));
    }

    /** The three configured plugins of one model. */
    public record Components(Likelihood likelihood, NoiseSampler sampler, Divergence divergence) {
    }
}
