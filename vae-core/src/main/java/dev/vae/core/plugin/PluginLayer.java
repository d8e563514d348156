package dev.vae.core.plugin;

import dev.vae.api.spi.ClosedFormKl;
import dev.vae.api.spi.Plugin;
import java.io.IOException;
import java.lang.module.Configuration;
import java.lang.module.FindException;
import java.lang.module.ModuleDescriptor;
import java.lang.module.ModuleFinder;
import java.lang.module.ModuleReference;
import java.lang.module.ResolutionException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The jars of plugin folders as one module layer over the layer that holds vae-api, so that plugins
 * built outside this project load exactly like the built-in ones. Each jar is an explicit module, or
 * an automatic one that declares its providers in {@code META-INF/services}.
 *
 * <p>A plugin records in its module descriptor the vae-api version it was compiled against; the layer
 * refuses one whose version is not compatible with the running vae-api, before any of its code runs.
 */
public final class PluginLayer {
    private static final String API_MODULE = "dev.vae.api";
    private static final List<String> SPIS = Stream.concat(PluginKind.ALL.stream().map(k -> k.spi().getName()),
            Stream.of(ClosedFormKl.class.getName())).toList();

    private PluginLayer() {
    }

    /**
     * The layer of every jar in the folders.
     *
     * @throws PluginException for a folder that does not exist, a jar that is not a module, modules that
     *     do not resolve, or a plugin built against an incompatible vae-api
     */
    public static ModuleLayer of(List<Path> folders) {
        Module api = Plugin.class.getModule();
        if (!api.isNamed()) {
            throw new PluginException("plugin folders need vae-api on the module path; on the class path, add plugin jars "
                    + "to the class path instead");
        }
        Map<String, Path> jarsByModule = jarsByModule(folders);
        ModuleFinder finder = ModuleFinder.of(jarsByModule.values().toArray(Path[]::new));
        ModuleLayer parent = api.getLayer();
        Configuration configuration;
        try {
            configuration = parent.configuration().resolveAndBind(finder, ModuleFinder.of(), jarsByModule.keySet());
        } catch (ResolutionException | FindException e) {
            throw new PluginException("the plugin jars in " + describe(folders) + " do not resolve: " + e.getMessage());
        }
        checkApiVersions(configuration, api.getDescriptor().version());
        checkEveryJarIsUsed(configuration);
        try {
            return parent.defineModulesWithOneLoader(configuration, Plugin.class.getClassLoader());
        } catch (LayerInstantiationException e) {
            throw new PluginException("the plugin jars in " + describe(folders) + " cannot be loaded together: "
                    + e.getMessage());
        }
    }

    /** The module and version a plugin comes from, as {@code name@version}, or "class path". */
    public static String moduleOf(Object plugin) {
        Module module = plugin.getClass().getModule();
        if (!module.isNamed()) {
            return "class path";
        }
        return module.getName() + module.getDescriptor().version().map(v -> "@" + v).orElse("");
    }

    /** Where a plugin's class comes from: its module, its version and its jar, as far as they are known. */
    static String origin(Class<?> type) {
        Module module = type.getModule();
        if (!module.isNamed()) {
            return type.getName() + " (class path)";
        }
        String version = module.getDescriptor().version().map(v -> "@" + v).orElse("");
        String location = Optional.ofNullable(module.getLayer())
                .flatMap(layer -> layer.configuration().findModule(module.getName()))
                .flatMap(resolved -> resolved.reference().location())
                .map(uri -> ", " + Path.of(uri).getFileName())
                .orElse("");
        return type.getName() + " (module " + module.getName() + version + location + ")";
    }

    private static Map<String, Path> jarsByModule(List<Path> folders) {
        Map<String, Path> byModule = new HashMap<>();
        for (Path jar : jars(folders)) {
            ModuleReference reference = module(jar);
            Path earlier = byModule.putIfAbsent(reference.descriptor().name(), jar);
            if (earlier != null) {
                throw new PluginException("two plugin jars hold module " + reference.descriptor().name() + ": " + earlier
                        + " and " + jar + "; keep one");
            }
        }
        return byModule;
    }

    private static List<Path> jars(List<Path> folders) {
        List<Path> jars = new ArrayList<>();
        for (Path folder : folders) {
            if (!Files.isDirectory(folder)) {
                throw new PluginException("plugin folder " + folder + " does not exist or is not a folder");
            }
            try (Stream<Path> files = Files.list(folder)) {
                files.filter(f -> f.getFileName().toString().endsWith(".jar")).sorted().forEach(jars::add);
            } catch (IOException e) {
                throw new PluginException("cannot list plugin folder " + folder + ": " + e.getMessage());
            }
        }
        return jars;
    }

    private static ModuleReference module(Path jar) {
        try {
            Set<ModuleReference> found = ModuleFinder.of(jar).findAll();
            if (found.size() != 1) {
                throw new PluginException("plugin jar " + jar + " is not a module jar");
            }
            return found.iterator().next();
        } catch (FindException e) {
            String cause = e.getCause() == null ? e.getMessage() : e.getCause().getMessage();
            throw new PluginException("plugin jar " + jar + " is not a usable module: " + cause);
        }
    }

    /**
     * Refuses a module compiled against a vae-api of another release line: the same major version
     * from 1.0 on, the same minor version before it, as semantic versioning has it.
     */
    private static void checkApiVersions(Configuration configuration, Optional<ModuleDescriptor.Version> running) {
        if (running.isEmpty()) {
            return;
        }
        for (var resolved : configuration.modules()) {
            ModuleDescriptor descriptor = resolved.reference().descriptor();
            descriptor.requires().stream()
                    .filter(r -> r.name().equals(API_MODULE))
                    .flatMap(r -> r.compiledVersion().stream())
                    .filter(compiled -> !releaseLine(compiled).equals(releaseLine(running.get())))
                    .findFirst()
                    .ifPresent(compiled -> {
                        throw new PluginException("plugin module " + descriptor.name() + " ("
                                + resolved.reference().location().map(Path::of).map(Path::getFileName).orElse(null)
                                + ") was built against vae-api " + compiled + "; this is vae-api " + running.get()
                                + ": rebuild it against " + releaseLine(running.get()) + ".x");
                    });
        }
    }

    /**
     * Refuses a jar that provides no plugin and that no plugin needs: most likely a jar whose
     * providers are not declared, which would otherwise be silently ignored.
     */
    private static void checkEveryJarIsUsed(Configuration configuration) {
        Set<String> required = configuration.modules().stream()
                .flatMap(m -> m.reads().stream())
                .map(m -> m.name())
                .collect(Collectors.toSet());
        for (var resolved : configuration.modules()) {
            ModuleDescriptor descriptor = resolved.reference().descriptor();
            boolean provides = descriptor.provides().stream().anyMatch(p -> SPIS.contains(p.service()));
            if (!provides && !required.contains(descriptor.name())) {
                throw new PluginException("plugin jar " + resolved.reference().location().map(Path::of).orElse(null)
                        + " provides no plugin: declare its providers of " + String.join(", ", SPIS)
                        + " with 'provides' in module-info.java or in META-INF/services");
            }
        }
    }

    private static String releaseLine(ModuleDescriptor.Version version) {
        String[] parts = version.toString().split("[.-]");
        String major = parts[0];
        String minor = parts.length > 1 ? parts[1] : "0";
        return major.equals("0") ? major + "." + minor : major;
    }

    private static String describe(List<Path> folders) {
        return folders.stream().map(Path::toString).collect(Collectors.joining(", "));
    }
}
