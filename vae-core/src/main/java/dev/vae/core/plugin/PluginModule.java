package dev.vae.core.plugin;

import com.google.inject.AbstractModule;
import com.google.inject.multibindings.MapBinder;
import com.google.inject.multibindings.Multibinder;
import dev.vae.api.spi.ClosedFormKl;
import dev.vae.api.spi.Plugin;

/**
 * Binds the discovered plugins into one {@code Map<String, T>} per kind, keyed by name, and the
 * closed-form KLs into a set, so that the trainer asks for a plugin by the name a configuration gives
 * and never by its class. Discovery happens before, outside the module, which only binds.
 */
public final class PluginModule extends AbstractModule {
    private final DiscoveredPlugins plugins;

    /** @param plugins what discovery found */
    public PluginModule(DiscoveredPlugins plugins) {
        this.plugins = plugins;
    }

    @Override
    protected void configure() {
        PluginKind.ALL.forEach(this::bindAll);
        Multibinder<ClosedFormKl> kls = Multibinder.newSetBinder(binder(), ClosedFormKl.class);
        plugins.closedFormKls().forEach(kl -> kls.addBinding().toInstance(kl));
    }

    private <T extends Plugin<T>> void bindAll(PluginKind<T> kind) {
        MapBinder<String, T> binder = MapBinder.newMapBinder(binder(), String.class, kind.spi());
        plugins.of(kind).forEach(plugin -> binder.addBinding(plugin.name()).toInstance(plugin));
    }
}
