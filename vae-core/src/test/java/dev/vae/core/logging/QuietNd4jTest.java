package dev.vae.core.logging;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What a library user sees: a program of theirs, on the module path of vae-core and ND4J with SLF4J's
 * simple binding at its default level (INFO) and no logging configuration, run in its own JVM so that
 * ND4J loads there for the first time. This module's test configuration stays off that path.
 */
class QuietNd4jTest {
    private static final String PROGRAM = """
            import dev.vae.core.Vae;
            import org.nd4j.linalg.factory.Nd4j;

            public class UserProgram {
                public static void main(String[] args) throws Exception {
                    Vae.create();
                    System.out.println(Nd4j.ones(2, 2).mmul(Nd4j.ones(2, 2)).sumNumber());
                    // The op registry, which SameDiff loads when it builds a graph.
                    Class.forName("org.nd4j.imports.converters.ImportClassMapping");
                }
            }
            """;
    private static final String BANNER = "Loaded [CpuBackend] backend";
    private static final String VECTOR_LINE = "optimization level";
    private static final String MAPPINGS = "Duplicate TF op mapping";

    @TempDir
    Path dir;

    @Test
    void aLibraryUserSeesNoBannerAndNoOpMappings() throws IOException, InterruptedException {
        String output = run();
        assertThat(output).contains("8.0").doesNotContain(BANNER).doesNotContain(VECTOR_LINE)
                .doesNotContain(MAPPINGS)
                .doesNotContain("INFO").doesNotContain("WARN");
    }

    @Test
    void systemPropertiesTurnBothBackOn() throws IOException, InterruptedException {
        String output = run("-Dorg.nd4j.log.initialization=true",
                "-Dorg.slf4j.simpleLogger.log.org.nd4j.linalg.cpu.nativecpu.CpuNDArrayFactory=info",
                "-Dorg.slf4j.simpleLogger.log.org.nd4j.imports.converters.ImportClassMapping=warn");
        assertThat(output).contains("8.0").contains(BANNER).contains(VECTOR_LINE).contains(MAPPINGS);
    }

    private String run(String... properties) throws IOException, InterruptedException {
        Path source = Files.writeString(dir.resolve("UserProgram.java"), PROGRAM);
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Dorg.bytedeco.javacpp.cachedir=" + System.getProperty("org.bytedeco.javacpp.cachedir")));
        command.addAll(List.of(properties));
        command.addAll(List.of("--module-path", libraryModulePath(), "--add-modules", "ALL-MODULE-PATH",
                source.toString()));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor()).as(output).isZero();
        return output;
    }

    /**
     * vae-core and its test dependencies: this JVM's module path, which leaves out the test classes
     * (patched into the module) and so their logging configuration.
     */
    private static String libraryModulePath() {
        return System.getProperty("jdk.module.path");
    }
}
