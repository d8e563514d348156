package dev.vae.testkit;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.module.ModuleDescriptor;
import java.net.URISyntaxException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.TreeSet;
import java.util.jar.JarFile;
import java.util.stream.Collectors;

/**
 * A plugin's registration as the application finds it: on the module path through the descriptor's
 * {@code provides}, on the class path and in plugin folders through {@code META-INF/services}. Both
 * must name the same providers, and a plugin module exports nothing, since nothing calls it by name.
 *
 * <pre>
 * PluginRegistration.of(BetaDivergence.class)
 *         .provides(Divergence.class, BetaDivergence.class)
 *         .exportsNothing();
 * </pre>
 */
public final class PluginRegistration {
    private static final String DESCRIPTOR = "module-info.class";

    private final Path root;
    private final ClassLoader loader;
    private final ModuleDescriptor descriptor;

    private PluginRegistration(Path root, ClassLoader loader) {
        this.root = root;
        this.loader = loader;
        byte[] bytes = read(DESCRIPTOR);
        if (bytes == null) {
            throw new AssertionError(root + " has no " + DESCRIPTOR + ": a plugin is a named module");
        }
        this.descriptor = ModuleDescriptor.read(java.nio.ByteBuffer.wrap(bytes));
    }

    /** The registration of the jar or classes folder that holds {@code pluginClass}. */
    public static PluginRegistration of(Class<?> pluginClass) {
        URL location = pluginClass.getProtectionDomain().getCodeSource().getLocation();
        try {
            return new PluginRegistration(Path.of(location.toURI()), pluginClass.getClassLoader());
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("not a file: " + location, e);
        }
    }

    /** The registration of a plugin jar or classes folder, loaded on its own class path. */
    public static PluginRegistration at(Path jarOrFolder) {
        try {
            URLClassLoader loader = new URLClassLoader(new URL[] {jarOrFolder.toUri().toURL()},
                    PluginRegistration.class.getClassLoader());
            return new PluginRegistration(jarOrFolder, loader);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Checks that the descriptor provides {@code service} with exactly {@code providers}, that the
     * services file lists exactly the same, and that {@link ServiceLoader} instantiates each of them.
     */
    @SafeVarargs
    public final <S> PluginRegistration provides(Class<S> service, Class<? extends S>... providers) {
        Set<String> expected = Arrays.stream(providers).map(Class::getName).collect(Collectors.toCollection(TreeSet::new));
        Set<String> declared = descriptor.provides().stream().filter(p -> p.service().equals(service.getName()))
                .flatMap(p -> p.providers().stream()).collect(Collectors.toCollection(TreeSet::new));
        if (!declared.equals(expected)) {
            throw new AssertionError("module " + descriptor.name() + " provides " + service.getName() + " with "
                    + declared + ", expected " + expected);
        }
        Set<String> listed = servicesFile(service);
        if (!listed.equals(declared)) {
            throw new AssertionError("META-INF/services/" + service.getName() + " in " + root + " lists " + listed
                    + " but module " + descriptor.name() + " provides " + declared);
        }
        assertLoads(service, expected);
        return this;
    }

    /** Checks that the module exports no package: the application reaches a plugin only as a service. */
    public PluginRegistration exportsNothing() {
        Set<String> exported = descriptor.exports().stream().map(ModuleDescriptor.Exports::source)
                .collect(Collectors.toCollection(TreeSet::new));
        if (!exported.isEmpty()) {
            throw new AssertionError("module " + descriptor.name() + " exports " + exported
                    + "; a plugin module exports nothing");
        }
        return this;
    }

    private Set<String> servicesFile(Class<?> service) {
        String name = "META-INF/services/" + service.getName();
        byte[] bytes = read(name);
        if (bytes == null) {
            throw new AssertionError(root + " has no " + name + ", which the class path and plugin folders need");
        }
        // The services file format: one class per line, '#' starts a comment.
        return new String(bytes, StandardCharsets.UTF_8).lines().map(l -> l.replaceFirst("#.*", "").trim())
                .filter(l -> !l.isEmpty()).collect(Collectors.toCollection(TreeSet::new));
    }

    private <S> void assertLoads(Class<S> service, Set<String> expected) {
        // The kit cannot declare `uses` for services it does not know; a module may add its own.
        PluginRegistration.class.getModule().addUses(service);
        Set<String> loaded = ServiceLoader.load(service, loader).stream().map(p -> p.get().getClass().getName())
                .collect(Collectors.toCollection(TreeSet::new));
        if (!loaded.containsAll(expected)) {
            throw new AssertionError("ServiceLoader finds " + loaded + " for " + service.getName() + ", not all of "
                    + expected);
        }
    }

    /** An entry of the folder or jar, or null if it has none. */
    private byte[] read(String entry) {
        try {
            if (Files.isDirectory(root)) {
                Path file = root.resolve(entry);
                return Files.isRegularFile(file) ? Files.readAllBytes(file) : null;
            }
            try (JarFile jar = new JarFile(root.toFile())) {
                var found = jar.getJarEntry(entry);
                if (found == null) {
                    return null;
                }
                try (InputStream in = jar.getInputStream(found)) {
                    return in.readAllBytes();
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + entry + " from " + root, e);
        }
    }
}
