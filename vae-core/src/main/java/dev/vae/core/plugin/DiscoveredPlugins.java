package dev.vae.core.plugin;

import dev.vae.api.spi.ClosedFormKl;
import dev.vae.api.spi.Plugin;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import java.util.function.Function;

/**
 * The plugins that the module graph provides, found with {@link ServiceLoader}: one list per
 * {@link PluginKind}, with names unique within each kind, and the registry of closed-form KLs.
 */
public final class DiscoveredPlugins {
    private final Map<PluginKind<?>, List<?>> byKind;
    private final List<ClosedFormKl> closedFormKls;

    private DiscoveredPlugins(Map<PluginKind<?>, List<?>> byKind, List<ClosedFormKl> closedFormKls) {
        this.byKind = byKind;
        this.closedFormKls = List.copyOf(closedFormKls);
    }

    /**
     * The plugins of the modules that this module can see: the boot layer, or the class path.
     *
     * @throws PluginException if two plugins of one kind share a name or a provider fails to load
     */
    public static DiscoveredPlugins find() {
        return find(new Loader() {
            @Override
            public <S> ServiceLoader<S> load(Class<S> service) {
                return ServiceLoader.load(service);
            }
        });
    }

    /**
     * The plugins of a layer and of the layers under it, the built-in ones among them.
     *
     * @throws PluginException if two plugins of one kind share a name or a provider fails to load
     */
    public static DiscoveredPlugins find(ModuleLayer layer) {
        return find(new Loader() {
            @Override
            public <S> ServiceLoader<S> load(Class<S> service) {
                return ServiceLoader.load(layer, service);
            }
        });
    }

    /** Where the service loaders look. */
    private interface Loader {
        <S> ServiceLoader<S> load(Class<S> service);
    }

    private static DiscoveredPlugins find(Loader loader) {
        Builder builder = builder();
        for (PluginKind<?> kind : PluginKind.ALL) {
            addLoaded(builder, kind, loader);
        }
        List<ClosedFormKl> kls = new ArrayList<>();
        try {
            loader.load(ClosedFormKl.class).stream().forEach(p -> kls.add(instantiate(p, "closed-form KL",
                    kl -> Objects.requireNonNull(kl.family(), "family()") + Objects.requireNonNull(kl.prior(), "prior()"))));
        } catch (ServiceConfigurationError e) {
            throw new PluginException("a closed-form KL failed to load: " + e.getMessage());
        }
        return builder.closedFormKls(kls).build();
    }

    private static <T extends Plugin<T>> void addLoaded(Builder builder, PluginKind<T> kind, Loader loader) {
        List<T> found = new ArrayList<>();
        try {
            loader.load(kind.spi()).stream().forEach(provider -> found.add(instantiate(provider, kind.name() + " plugin",
                    plugin -> {
                        Objects.requireNonNull(plugin.name(), "name()");
                        return plugin.parameters();
                    })));
        } catch (ServiceConfigurationError e) {
            throw new PluginException("a " + kind.name() + " plugin failed to load: " + e.getMessage());
        }
        builder.add(kind, found);
    }

    /** A set of plugins assembled by hand, for tests and for applications that choose their own. */
    public static Builder builder() {
        return new Builder();
    }

    /** This set, to change by hand. */
    public Builder toBuilder() {
        Builder b = new Builder();
        b.byKind.putAll(byKind);
        return b.closedFormKls(closedFormKls);
    }

    /** The plugins of one kind, in the order found. */
    @SuppressWarnings("unchecked")
    public <T extends Plugin<T>> List<T> of(PluginKind<T> kind) {
        return (List<T>) byKind.getOrDefault(kind, List.of());
    }

    /** The closed-form KLs, each for one pair of family and prior. */
    public List<ClosedFormKl> closedFormKls() {
        return closedFormKls;
    }

    /**
     * Creates one provider and asks it what identifies it, so that a provider that throws, or that was
     * compiled against methods this vae-api lacks, is named here rather than failing later in
     * training. An {@link Error} of the plugin's own (a static initializer that throws, a recursion
     * without end, memory exhausted) is named with its cause too, not passed on as if the framework
     * had failed.
     */
    private static <T> T instantiate(ServiceLoader.Provider<T> provider, String what, Function<T, Object> identify) {
        String type = PluginLayer.origin(provider.type());
        try {
            T plugin = provider.get();
            identify.apply(plugin);
            return plugin;
        } catch (ServiceConfigurationError | ExceptionInInitializerError e) {
            throw new PluginException("the " + what + " " + type + " failed to load: " + rootCause(e));
        } catch (LinkageError e) {
            throw new PluginException("the " + what + " " + type + " does not match this vae-api: " + e);
        } catch (RuntimeException | VirtualMachineError e) {
            throw new PluginException("the " + what + " " + type + " failed to load: " + e);
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

    /** Collects plugins by kind; {@link #build()} checks that names are unique. */
    public static final class Builder {
        private final Map<PluginKind<?>, List<?>> byKind = new LinkedHashMap<>();
        private List<ClosedFormKl> closedFormKls = List.of();

        private Builder() {
        }

        /** Sets the plugins of one kind. */
        public <T extends Plugin<T>> Builder add(PluginKind<T> kind, List<T> plugins) {
            byKind.put(kind, List.copyOf(plugins));
            return this;
        }

        /** Sets the closed-form KLs. */
        public Builder closedFormKls(List<ClosedFormKl> kls) {
            closedFormKls = List.copyOf(kls);
            return this;
        }

        /**
         * The checked set.
         *
         * @throws PluginException if two plugins of one kind share a name, or two closed-form KLs one
         *     pair, naming both classes and modules
         */
        public DiscoveredPlugins build() {
            byKind.forEach((kind, plugins) -> unique(plugins, kind.name() + " plugins are named '",
                    p -> ((Plugin<?>) p).name()));
            unique(closedFormKls, "closed-form KLs are for '", kl -> kl.family() + "' and '" + kl.prior());
            return new DiscoveredPlugins(new LinkedHashMap<>(byKind), closedFormKls);
        }

        private static <T> void unique(List<T> plugins, String what, Function<T, String> key) {
            Map<String, T> byKey = new HashMap<>();
            for (T plugin : plugins) {
                T earlier = byKey.putIfAbsent(key.apply(plugin), plugin);
                if (earlier != null) {
                    throw new PluginException("two " + what + key.apply(plugin) + "': "
                            + PluginLayer.origin(earlier.getClass()) + " and " + PluginLayer.origin(plugin.getClass()));
                }
            }
        }
    }
}
