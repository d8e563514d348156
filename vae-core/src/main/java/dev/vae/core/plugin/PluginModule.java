package dev.vae.core.plugin;

import com.google.inject.AbstractModule;
import com.google.inject.multibindings.MapBinder;
import dev.vae.api.spi.Divergence;
import dev.vae.api.spi.Likelihood;
import dev.vae.api.spi.NoiseSampler;
import dev.vae.api.spi.Plugin;
import java.util.List;

/**
 * Binds the discovered plugins into one {@code Map<String, T>} per kind, keyed by name, so that the
 * trainer asks for a plugin by the name a configuration gives and never by its class. Discovery
 * happens before, outside the module, which only binds.
 */
public final class PluginModule extends AbstractModule {
    private final DiscoveredPlugins plugins;

    /** @param plugins what discovery found */
    public PluginModule(DiscoveredPlugins plugins) {
        this.plugins = plugins;
    }

    @Override
    protected void configure() {
        bindAll(Likelihood.class, plugins.likelihoods());
        bindAll(NoiseSampler.class, plugins.samplers());
        bindAll(Divergence.class, plugins.divergences());
    }

    private <T extends Plugin<T>> void bindAll(Class<T> kind, List<T> found) {
        MapBinder<String, T> binder = MapBinder.newMapBinder(binder(), String.class, kind);
        found.forEach(plugin -> binder.addBinding(plugin.name()).toInstance(plugin));
    }
}
