package dev.vae.core.plugin;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.lang.module.ResolvedModule;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.spi.ToolProvider;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/** Compiles Java sources against this JVM's module path, or another, and packs them as a jar. */
final class PluginJar {

    private PluginJar() {
    }

    /** The module path this test runs on, which holds the real vae-api and ND4J. */
    static String bootModulePath() {
        return ModuleLayer.boot().configuration().modules().stream()
                .map(ResolvedModule::reference)
                .flatMap(r -> r.location().stream())
                .filter(uri -> "file".equals(uri.getScheme()))
                .map(uri -> Path.of(uri).toString())
                .collect(Collectors.joining(java.io.File.pathSeparator));
    }

    /**
     * @param sources file name under the source root (such as {@code a/B.java}) to its text
     * @param options extra javac options such as {@code --module-version}
     */
    static Path build(Path jar, String modulePath, Map<String, String> sources, String... options) throws IOException {
        Path work = Files.createTempDirectory("plugin-src");
        Path classes = work.resolve("classes");
        List<String> args = new ArrayList<>(List.of("-d", classes.toString(), "--module-path", modulePath, "-nowarn"));
        args.addAll(List.of(options));
        for (Map.Entry<String, String> source : sources.entrySet()) {
            Path file = work.resolve("src").resolve(source.getKey());
            Files.createDirectories(file.getParent());
            Files.writeString(file, source.getValue());
            if (source.getKey().endsWith(".java")) {
                args.add(file.toString());
            }
        }
        StringWriter log = new StringWriter();
        int code = ToolProvider.findFirst("javac").orElseThrow()
                .run(new PrintWriter(log), new PrintWriter(log), args.toArray(String[]::new));
        if (code != 0) {
            throw new IllegalStateException("javac failed: " + log);
        }
        copyResources(work.resolve("src"), classes);
        pack(classes, jar);
        delete(work);
        return jar;
    }

    private static void delete(Path tree) throws IOException {
        try (Stream<Path> files = Files.walk(tree)) {
            for (Path f : files.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(f);
            }
        }
    }

    private static void copyResources(Path src, Path classes) throws IOException {
        try (Stream<Path> files = Files.walk(src)) {
            for (Path f : files.filter(Files::isRegularFile).filter(f -> !f.toString().endsWith(".java")).toList()) {
                Path target = classes.resolve(src.relativize(f).toString());
                Files.createDirectories(target.getParent());
                Files.copy(f, target);
            }
        }
    }

    private static void pack(Path classes, Path jar) throws IOException {
        try (OutputStream out = Files.newOutputStream(jar); JarOutputStream zip = new JarOutputStream(out);
             Stream<Path> files = Files.walk(classes)) {
            for (Path f : files.filter(Files::isRegularFile).sorted().toList()) {
                zip.putNextEntry(new JarEntry(classes.relativize(f).toString().replace('\\', '/')));
                zip.write(Files.readAllBytes(f));
            }
        }
    }
}
