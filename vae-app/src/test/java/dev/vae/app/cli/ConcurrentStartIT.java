package dev.vae.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.jar.JarFile;
import java.util.stream.Stream;
import org.bytedeco.javacpp.Loader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Several JVMs of the packaged app starting at the same instant, each training a small network, as
 * two users' runs or two test forks do. JavaCPP extracts ND4J's natives into a cache folder that JVMs
 * share, and rewrites a cached library whose time differs from its jar entry's, under the feet of a
 * JVM that is loading it: that JVM dies with SIGBUS in the dynamic loader.
 */
class ConcurrentStartIT {
    private static final int JVMS = 4;
    // The host's natives, which the build brings (NativePlatformTest checks that it brings no others).
    private static final String NATIVE_JAR = "nd4j-native-1.0.0-M2.1-" + Loader.getPlatform() + ".jar";
    private static final String LIBRARY = "org/nd4j/linalg/cpu/nativecpu/bindings/" + Loader.getPlatform() + "/"
            + System.mapLibraryName("nd4jcpu");

    @TempDir
    Path dir;

    /**
     * On the cache the build filled, as the launcher and the tests run, every library is current:
     * nothing in it changes, not even JavaCPP's lock file, which it opens only to write.
     */
    @Test
    void startsAtOnceOnlyReadingTheBuildsCache() throws Exception {
        Map<Path, CachedFile> before = snapshot(AppProcess.NATIVES);
        assertThat(before).containsKey(Path.of(NATIVE_JAR, LIBRARY));

        trainAtOnce(new AppProcess(dir));

        assertThat(snapshot(AppProcess.NATIVES)).isEqualTo(before);
    }

    /**
     * On an empty cache, as on a library user's first run, one JVM extracts under JavaCPP's lock while
     * the others wait for the finished file, which is the one the build extracts.
     */
    @Test
    void startsAtOnceOnAnEmptyCache() throws Exception {
        Path cache = Files.createDirectories(dir.resolve("cache"));

        trainAtOnce(new AppProcess(dir, cache));

        Path library = Path.of(NATIVE_JAR, LIBRARY);
        CachedFile extracted = snapshot(cache).get(library);
        CachedFile built = snapshot(AppProcess.NATIVES).get(library);
        assertThat(extracted.size()).isEqualTo(built.size());
        assertThat(extracted.time()).isEqualTo(built.time());
    }

    /**
     * The natives the build extracted carry the times of the published jar's entries, so a JVM with
     * any copy of that jar (another module's tests, a library user's class path) finds them current
     * and never rewrites them.
     */
    @Test
    void theCachedLibraryKeepsThePublishedJarsTime() throws Exception {
        Path published = publishedJar(NATIVE_JAR);
        long entryTime;
        try (JarFile jar = new JarFile(published.toFile())) {
            entryTime = jar.getJarEntry(LIBRARY).getTime();
        }

        Path cached = AppProcess.NATIVES.resolve(NATIVE_JAR).resolve(LIBRARY);
        assertThat(Files.getLastModifiedTime(cached).toMillis()).as(published.toString()).isEqualTo(entryTime);
    }

    /** {@value #JVMS} one-epoch trainings started before any is awaited, each into its own folder. */
    private void trainAtOnce(AppProcess app) throws IOException, InterruptedException {
        List<Process> started = new ArrayList<>();
        for (int i = 0; i < JVMS; i++) {
            started.add(app.start("train-" + i, Map.of(), "train", "--epochs", "1", "--hidden-dims", "8",
                    "--output", dir.resolve("run-" + i).toString()));
        }
        for (int i = 0; i < JVMS; i++) {
            AppProcess.Run run = app.await("train-" + i, started.get(i));
            assertThat(run.code()).as("JVM %d: %s", i, run.err()).isZero();
            assertThat(dir.resolve("run-" + i).resolve("model.vae")).isRegularFile();
        }
        try (Stream<Path> files = Files.list(dir)) {
            assertThat(files.map(p -> p.getFileName().toString())).noneMatch(name -> name.startsWith("hs_err"));
        }
    }

    /** A file or link of a cache: which file it is (device and inode), its size and its time. */
    private record CachedFile(Object key, long size, long time) {
    }

    /** Every file and link of a cache folder, by its path in the folder. */
    private static Map<Path, CachedFile> snapshot(Path cache) throws IOException {
        Map<Path, CachedFile> files = new TreeMap<>();
        try (Stream<Path> walk = Files.walk(cache)) {
            for (Path p : walk.filter(p -> !Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS)).toList()) {
                BasicFileAttributes a = Files.readAttributes(p, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
                files.put(cache.relativize(p), new CachedFile(a.fileKey(), a.size(), a.lastModifiedTime().toMillis()));
            }
        }
        return files;
    }

    /** The jar of that name in the local repository, as the build resolved it for the module path. */
    private static Path publishedJar(String name) throws IOException {
        String resolved = Files.readString(AppProcess.MODULES.resolveSibling("app-module-path.txt")).trim();
        return Stream.of(resolved.split(java.io.File.pathSeparator)).map(Path::of)
                .filter(p -> p.getFileName().toString().equals(name)).findFirst().orElseThrow();
    }
}
