package dev.vae.core;

import dev.vae.api.spi.Divergence;
import dev.vae.api.spi.Likelihood;
import dev.vae.api.spi.NoiseSampler;
import dev.vae.api.spi.Plugin;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;

/**
 * The plugins that the module graph provides, found with {@link ServiceLoader}, one list per kind.
 *
 * @param likelihoods every {@link Likelihood} provider
 * @param samplers every {@link NoiseSampler} provider
 * @param divergences every {@link Divergence} provider
 */
public record DiscoveredPlugins(List<Likelihood> likelihoods, List<NoiseSampler> samplers,
                                List<Divergence> divergences) {

    /** Copies the lists. */
    public DiscoveredPlugins {
        likelihoods = List.copyOf(likelihoods);
        samplers = List.copyOf(samplers);
        divergences = List.copyOf(divergences);
    }

    /**
     * The plugins of the modules that this module can see: the boot layer, or the class path.
     *
     * @throws PluginException if two plugins of one kind share a name or a provider fails to load
     */
    public static DiscoveredPlugins find() {
        return new DiscoveredPlugins(
                load(ServiceLoader.load(Likelihood.class), "likelihood"),
                load(ServiceLoader.load(NoiseSampler.class), "sampler"),
                load(ServiceLoader.load(Divergence.class), "divergence"));
    }

    private static <T extends Plugin<T>> List<T> load(ServiceLoader<T> loader, String kind) {
        Map<String, T> byName = new LinkedHashMap<>();
        try {
            for (T plugin : loader) {
                T earlier = byName.putIfAbsent(plugin.name(), plugin);
                if (earlier != null) {
                    throw new PluginException("two " + kind + " plugins are named '" + plugin.name() + "': "
                            + origin(earlier) + " and " + origin(plugin));
                }
            }
        } catch (ServiceConfigurationError e) {
            throw new PluginException("a " + kind + " plugin failed to load: " + e.getMessage());
        }
        return new ArrayList<>(byName.values());
    }

    private static String origin(Object plugin) {
        Module module = plugin.getClass().getModule();
        return plugin.getClass().getName() + " (module " + (module.isNamed() ? module.getName() : "unnamed") + ")";
    }
}
