package dev.vae.core.modelfile;

import com.google.gson.JsonObject;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Locale;
import java.util.Properties;
import org.nd4j.linalg.factory.Nd4j;

/**
 * What shaped the numbers of a run besides its seed: floating-point sums are reordered by the number
 * of threads and by the BLAS library, so two machines with one seed agree only if these agree too.
 *
 * @param threads the OpenMP threads ND4J runs its operations on ({@code OMP_NUM_THREADS})
 * @param nd4j ND4J's version
 * @param blas the BLAS vendor and the version of the library that provides it
 */
record ComputeEnvironment(int threads, String nd4j, String blas) {

    /** This JVM's environment. */
    static ComputeEnvironment current() {
        Properties info = Nd4j.getExecutioner().getEnvironmentInformation();
        String vendor = String.valueOf(info.getOrDefault("blas.vendor", "unknown"));
        String library = vendor.toLowerCase(Locale.ROOT);
        return new ComputeEnvironment(Nd4j.getEnvironment().maxMasterThreads(), version("org.nd4j", "nd4j-api"),
                vendor + " " + version("org.bytedeco", library));
    }

    /**
     * The version in a jar's Maven descriptor. {@code META-INF} is no package, so the resource is
     * found the same way on the module path and on the class path.
     */
    private static String version(String group, String artifact) {
        String path = "META-INF/maven/" + group + "/" + artifact + "/pom.properties";
        try (InputStream in = Nd4j.class.getClassLoader().getResourceAsStream(path)) {
            if (in == null) {
                return "unknown";
            }
            Properties pom = new Properties();
            pom.load(in);
            return pom.getProperty("version", "unknown");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    JsonObject toJson() {
        JsonObject json = new JsonObject();
        json.addProperty("threads", threads);
        json.addProperty("nd4j", nd4j);
        json.addProperty("blas", blas);
        return json;
    }
}
