package dev.vae.core.plugin;

import dev.vae.api.spi.Divergence;
import dev.vae.api.spi.Likelihood;
import dev.vae.api.spi.NoiseSampler;
import dev.vae.api.spi.Plugin;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;

/**
 * The plugins that the module graph provides, found with {@link ServiceLoader}, one list per kind,
 * with names unique within each kind.
 *
 * @param likelihoods every {@link Likelihood} provider
 * @param samplers every {@link NoiseSampler} provider
 * @param divergences every {@link Divergence} provider
 */
public record DiscoveredPlugins(List<Likelihood> likelihoods, List<NoiseSampler> samplers,
                                List<Divergence> divergences) {

    /**
     * Copies the lists and checks the names.
     *
     * @throws PluginException if two plugins of one kind share a name, naming both classes and modules
     */
    public DiscoveredPlugins {
        likelihoods = unique(likelihoods, "likelihood");
        samplers = unique(samplers, "sampler");
        divergences = unique(divergences, "divergence");
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

    /**
     * The plugins of a layer and of the layers under it, the built-in ones among them.
     *
     * @throws PluginException if two plugins of one kind share a name or a provider fails to load
     */
    public static DiscoveredPlugins find(ModuleLayer layer) {
        return new DiscoveredPlugins(
                load(ServiceLoader.load(layer, Likelihood.class), "likelihood"),
                load(ServiceLoader.load(layer, NoiseSampler.class), "sampler"),
                load(ServiceLoader.load(layer, Divergence.class), "divergence"));
    }

    private static <T extends Plugin<T>> List<T> load(ServiceLoader<T> loader, String kind) {
        List<T> found = new ArrayList<>();
        try {
            loader.stream().forEach(provider -> found.add(instantiate(provider, kind)));
        } catch (ServiceConfigurationError e) {
            throw new PluginException("a " + kind + " plugin failed to load: " + e.getMessage());
        }
        return found;
    }

    /**
     * Creates one provider and asks it its name, so that a provider that throws, or that was compiled
     * against methods this vae-api lacks, is named here rather than failing later in training. An
     * {@link Error} of the plugin's own (a static initializer that throws, a recursion without end,
     * memory exhausted) is named with its cause too, not passed on as if the framework had failed.
     */
    private static <T extends Plugin<T>> T instantiate(ServiceLoader.Provider<T> provider, String kind) {
        String type = PluginLayer.origin(provider.type());
        try {
            T plugin = provider.get();
            Objects.requireNonNull(plugin.name(), "name()");
            plugin.parameters();
            return plugin;
        } catch (ServiceConfigurationError | ExceptionInInitializerError e) {
            throw new PluginException("the " + kind + " plugin " + type + " failed to load: " + rootCause(e));
        } catch (LinkageError e) {
            throw new PluginException("the " + kind + " plugin " + type + " does not match this vae-api: " + e);
        } catch (RuntimeException | VirtualMachineError e) {
            throw new PluginException("the " + kind + " plugin " + type + " failed to load: " + e);
        }
    }

    /** The failure under the wrappers that class loading and instantiation put around it. */
    private static Throwable rootCause(Throwable e) {
        Throwable cause = e;
        while ((cause instanceof ServiceConfigurationError || cause instanceof ExceptionInInitializerError
                || cause instanceof java.lang.reflect.InvocationTargetException) && cause.getCause() != null) {
            cause = cause.getCause();
        }
        return cause;
    }

    private static <T extends Plugin<T>> List<T> unique(List<T> plugins, String kind) {
        Map<String, T> byName = new HashMap<>();
        for (T plugin : plugins) {
            T earlier = byName.putIfAbsent(plugin.name(), plugin);
            if (earlier != null) {
                throw new PluginException("two " + kind + " plugins are named '" + plugin.name() + "': "
                        + PluginLayer.origin(earlier.getClass()) + " and " + PluginLayer.origin(plugin.getClass()));
            }
        }
        return List.copyOf(plugins);
    }
}
