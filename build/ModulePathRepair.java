import java.io.IOException;
import java.lang.module.Configuration;
import java.lang.module.ModuleDescriptor;
import java.lang.module.ModuleFinder;
import java.lang.module.ModuleReference;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;

/**
 * Builds a module path on which ND4J 1.0.0-M2.1 loads, and checks it before anyone runs it.
 *
 * <p>ND4J's jars ship module descriptors that cannot resolve: nd4j-api exports a package it does
 * not contain and requires lombok at run time, several jars require a module named commons.io that
 * does not exist, and the packages of nd4j-common, nd4j-api and the backend need each other in a
 * cycle that no explicit descriptor can express. Without their descriptors the same jars load as
 * automatic modules (nd4j.api, nd4j.common, nd4j.cpu, ...), which read every other module. So this
 * program copies the dependency jars into one folder, strips {@code module-info.class} from the
 * copies of the {@code org.nd4j} jars (and the Guava classes that nd4j's protobuf jar carries
 * unshaded, which would split a package with Guava itself), leaves out the bytedeco and ND4J {@code -platform}
 * aggregators (they name modules for every operating system), and then resolves and defines the
 * whole folder as a module layer, so that a duplicate module or a split package fails the build.
 *
 * <p>Usage, run by the build with its own JDK:
 * <pre>
 * java ModulePathRepair.java CLASSPATH_FILE OUT_DIR [EXTRA_JAR...]
 *      [--test MODULE CLASSES_DIR TEST_CLASSES_DIR ARGS_FILE]
 * </pre>
 * CLASSPATH_FILE holds the resolved dependencies, separated by the path separator. With
 * {@code --test}, it also writes a JVM argument file that runs the test classes patched into
 * MODULE on that module path, reading every module on it, with the test framework left on the class
 * path.
 */
public final class ModulePathRepair {
    private static final Pattern AGGREGATOR = Pattern.compile(".*-platform-[^/]*\\.jar");
    private static final String ND4J_GROUP = "/org/nd4j/";
    /**
     * Classes that ND4J's protobuf jar carries unshaded from Guava; with Guava itself on the path
     * (Guice needs it) the package would be split between two modules.
     */
    private static final String LEAKED_GUAVA = "com/google/thirdparty/";

    public static void main(String[] args) throws IOException {
        if (args.length < 2) {
            throw new IllegalArgumentException("usage: ModulePathRepair CLASSPATH_FILE OUT_DIR [JAR...] "
                    + "[--test MODULE CLASSES TEST_CLASSES ARGS_FILE]");
        }
        Path out = Path.of(args[1]);
        List<String> entries = new ArrayList<>(List.of(Files.readString(Path.of(args[0])).trim()
                .split(java.io.File.pathSeparator)));
        int test = List.of(args).indexOf("--test");
        int extrasEnd = test < 0 ? args.length : test;
        entries.addAll(List.of(args).subList(2, extrasEnd));

        List<Path> modulePath = repair(entries, out);
        if (test >= 0) {
            String module = args[test + 1];
            Path classes = Path.of(args[test + 2]);
            Path testClasses = Path.of(args[test + 3]);
            modulePath.add(classes);
            Set<String> modules = verify(modulePath);
            modules.remove(module);
            writeTestArgs(module, modulePath, modules, testClasses, Path.of(args[test + 4]));
        } else {
            verify(modulePath);
        }
    }

    private static List<Path> repair(List<String> entries, Path out) throws IOException {
        clear(out);
        Files.createDirectories(out);
        List<Path> modulePath = new ArrayList<>();
        modulePath.add(out);
        for (String entry : entries) {
            if (entry.isBlank()) {
                continue;
            }
            Path source = Path.of(entry);
            String unixPath = source.toString().replace('\\', '/');
            if (Files.isDirectory(source)) {
                modulePath.add(source);
            } else if (AGGREGATOR.matcher(unixPath).matches()) {
                continue;
            } else if (unixPath.contains(ND4J_GROUP)) {
                copyWithoutDescriptor(source, out.resolve(source.getFileName()));
            } else {
                Files.copy(source, out.resolve(source.getFileName()), StandardCopyOption.REPLACE_EXISTING);
            }
        }
        return modulePath;
    }

    private static void clear(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path p : files.sorted(Comparator.reverseOrder()).collect(Collectors.toList())) {
                Files.delete(p);
            }
        }
    }

    private static void copyWithoutDescriptor(Path jar, Path target) throws IOException {
        try (ZipInputStream in = new ZipInputStream(Files.newInputStream(jar));
             ZipOutputStream zip = new ZipOutputStream(Files.newOutputStream(target))) {
            for (ZipEntry e = in.getNextEntry(); e != null; e = in.getNextEntry()) {
                if (isDescriptor(e.getName()) || e.getName().startsWith(LEAKED_GUAVA)) {
                    continue;
                }
                zip.putNextEntry(sameTime(e));
                in.transferTo(zip);
                zip.closeEntry();
            }
        }
    }

    /**
     * A new entry of the same name and time. JavaCPP re-extracts a cached native library whenever
     * its jar entry's time differs from the cached file's, deleting and rewriting a file that another
     * JVM may be loading; if each copy carried the time it was made, the copies in two modules, in two
     * builds, and the published jar would each rewrite the libraries the others had extracted.
     */
    private static ZipEntry sameTime(ZipEntry original) {
        ZipEntry copy = new ZipEntry(original.getName());
        copy.setTime(original.getTime());
        return copy;
    }

    private static boolean isDescriptor(String name) {
        return name.equals("module-info.class")
                || (name.startsWith("META-INF/versions/") && name.endsWith("/module-info.class"));
    }

    /**
     * Resolves every module on the path and defines them in one layer, as the launcher will.
     *
     * @return the names of the modules
     */
    private static Set<String> verify(List<Path> modulePath) {
        ModuleFinder finder = ModuleFinder.of(modulePath.toArray(Path[]::new));
        Set<String> names = finder.findAll().stream()
                .map(ModuleReference::descriptor)
                .map(ModuleDescriptor::name)
                .collect(Collectors.toCollection(TreeSet::new));
        Configuration cf = ModuleLayer.boot().configuration().resolveAndBind(finder, ModuleFinder.of(), names);
        ModuleLayer.boot().defineModulesWithOneLoader(cf, ClassLoader.getSystemClassLoader());
        System.out.println("module path verified: " + names.size() + " modules");
        return names;
    }

    /**
     * The tests read every module on the path, as they would on the class path: a test library such as
     * dev.vae.testkit is a test dependency, which the module under test does not require.
     */
    private static void writeTestArgs(String module, List<Path> modulePath, Set<String> testReads, Path testClasses,
                                      Path argsFile) throws IOException {
        List<String> lines = new ArrayList<>();
        String path = modulePath.stream().map(p -> p.toAbsolutePath().toString())
                .collect(Collectors.joining(java.io.File.pathSeparator));
        lines.add("--module-path");
        lines.add(quote(path));
        lines.add("--add-modules");
        lines.add("ALL-MODULE-PATH");
        lines.add("--add-reads");
        List<String> reads = new ArrayList<>(List.of("ALL-UNNAMED"));
        reads.addAll(testReads);
        lines.add(module + "=" + String.join(",", reads));
        if (Files.isDirectory(testClasses)) {
            lines.add("--patch-module");
            lines.add(quote(module + "=" + testClasses.toAbsolutePath()));
            for (String pkg : packagesOf(testClasses)) {
                lines.add("--add-opens");
                lines.add(module + "/" + pkg + "=ALL-UNNAMED");
            }
        }
        Files.write(argsFile, lines);
    }

    private static Set<String> packagesOf(Path classes) throws IOException {
        try (Stream<Path> files = Files.walk(classes)) {
            return files.filter(p -> p.toString().endsWith(".class"))
                    .map(p -> classes.relativize(p.getParent() == null ? classes : p.getParent()))
                    .filter(p -> !p.toString().isEmpty())
                    .map(p -> p.toString().replace(java.io.File.separatorChar, '.'))
                    .collect(Collectors.toCollection(TreeSet::new));
        }
    }

    private static String quote(String s) {
        return "\"" + s.replace("\\", "\\\\") + "\"";
    }

    private ModulePathRepair() {
    }
}
