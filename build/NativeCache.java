import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.lang.module.Configuration;
import java.lang.module.ModuleDescriptor;
import java.lang.module.ModuleFinder;
import java.lang.module.ModuleReference;
import java.nio.file.Path;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Extracts the natives of the ND4J on a module path into a JavaCPP cache folder, in the build, so that
 * the JVMs started later from that module path with that cache find every library in place and only
 * read it.
 *
 * <p>JavaCPP extracts its libraries at first load into a cache shared by every JVM that names it, and
 * re-extracts one whenever its size or time differs from the jar entry's: it deletes the file and
 * writes it again, while another JVM may be opening it. Two JVMs that bring different copies of a jar
 * then make each other fail in the dynamic loader with SIGBUS. Filled here, in the single build
 * process, from the same jars the launcher and the tests use, the cache never needs a write at run
 * time. The libraries come out exactly as JavaCPP lays them out (sub-folders, links between them),
 * because it is JavaCPP that extracts them, loading ND4J's CPU backend and multiplying two matrices.
 *
 * <p>Usage, run by the build with its own JDK:
 * <pre>
 * java NativeCache.java CACHE_DIR MODULE_DIR...
 * </pre>
 * A module path without ND4J's CPU backend (a module whose tests need no natives) leaves the cache
 * alone.
 */
public final class NativeCache {
    private static final String CACHE_PROPERTY = "org.bytedeco.javacpp.cachedir";
    private static final String BACKEND = "nd4j.cpu";

    public static void main(String[] args) throws ReflectiveOperationException {
        if (args.length < 2) {
            throw new IllegalArgumentException("usage: NativeCache CACHE_DIR MODULE_DIR...");
        }
        Path cache = Path.of(args[0]).toAbsolutePath();
        ModuleLayer layer = layerOf(Stream.of(args).skip(1).map(Path::of).toArray(Path[]::new));
        if (layer.findModule(BACKEND).isEmpty()) {
            System.out.println("no ND4J backend on the module path, no natives to cache");
            return;
        }
        System.setProperty(CACHE_PROPERTY, cache.toString());
        // ND4J announces its backend at length on INFO; the build's log needs only the line below.
        System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", "warn");
        multiplyQuietly(layer.findLoader(BACKEND));
        System.out.println("natives cached in " + cache);
    }

    private static ModuleLayer layerOf(Path... modulePath) {
        ModuleFinder finder = ModuleFinder.of(modulePath);
        Set<String> names = finder.findAll().stream()
                .map(ModuleReference::descriptor)
                .map(ModuleDescriptor::name)
                .collect(Collectors.toSet());
        Configuration cf = ModuleLayer.boot().configuration().resolveAndBind(finder, ModuleFinder.of(), names);
        return ModuleLayer.boot().defineModulesWithOneLoader(cf, ClassLoader.getSystemClassLoader());
    }

    /**
     * {@link #multiply} with standard error held back: where a module's tests carry no SLF4J binding,
     * SLF4J warns in three lines that a user's first {@code ./vae} would show for nothing. Shown if
     * the product fails.
     */
    private static void multiplyQuietly(ClassLoader loader) throws ReflectiveOperationException {
        PrintStream err = System.err;
        ByteArrayOutputStream held = new ByteArrayOutputStream();
        System.setErr(new PrintStream(held, true));
        try {
            multiply(loader);
        } catch (ReflectiveOperationException | RuntimeException | Error e) {
            err.print(held);
            throw e;
        } finally {
            System.setErr(err);
        }
    }

    /** A product on ND4J's CPU backend, which loads its libraries and the BLAS it calls. */
    private static void multiply(ClassLoader loader) throws ReflectiveOperationException {
        // ND4J finds its backend through the context class loader.
        Thread.currentThread().setContextClassLoader(loader);
        Class<?> nd4j = Class.forName("org.nd4j.linalg.factory.Nd4j", true, loader);
        Class<?> array = Class.forName("org.nd4j.linalg.api.ndarray.INDArray", false, loader);
        Object ones = nd4j.getMethod("ones", long[].class).invoke(null, (Object) new long[] {4, 4});
        array.getMethod("mmul", array).invoke(ones, ones);
    }

    private NativeCache() {
    }
}
