package dev.vae.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.DisabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

/**
 * When {@code ./vae} builds: the script itself, run in a copy of the project's layout whose
 * {@code mvnw} and {@code java} only record that they ran.
 */
@DisabledOnOs(OS.WINDOWS)
class LauncherTest {
    private static final Instant NOW = Instant.now();

    @TempDir
    Path root;
    private Path source;
    private Path modules;
    private Path stamp;

    @BeforeEach
    void layout() throws IOException {
        Files.copy(Path.of("..", "vae"), root.resolve("vae"), StandardCopyOption.COPY_ATTRIBUTES);
        executable(root.resolve("mvnw"), "mkdir -p \"$(dirname \"$0\")/vae-app/target/modules\" "
                + "\"$(dirname \"$0\")/target/javacpp-cache\"\necho built >> \"$(dirname \"$0\")/calls\"");
        executable(root.resolve("bin").resolve("java"), "echo ran >> \"" + root.resolve("calls") + "\"");
        source = root.resolve("vae-core/src/main/java/A.java");
        Files.createDirectories(source.getParent());
        Files.writeString(source, "class A {}");
        modules = root.resolve("vae-app/target/modules");
        stamp = root.resolve("vae-app/target/.vae-built");
    }

    @Test
    void theFirstRunBuildsAndSaysWhatItDoes() throws Exception {
        String err = launch();
        assertThat(calls()).isEqualTo("built\nran\n");
        assertThat(err).contains("first run: building the project").contains("vae: built in 0 min");
    }

    @Test
    void aSourceNewerThanTheLastBuildRebuilds() throws Exception {
        built(NOW.minusSeconds(300));
        age(source, NOW.minusSeconds(60));
        String err = launch();
        assertThat(calls()).isEqualTo("built\nran\n");
        assertThat(err).contains("sources changed since the last build");
    }

    @Test
    void aBuildOfTheUsersOwnCountsWithoutTheStamp() throws Exception {
        built(NOW.minusSeconds(300));
        age(source, NOW.minusSeconds(400));
        Files.delete(stamp);
        assertThat(launch()).isEmpty();
        assertThat(calls()).isEqualTo("ran\n");
    }

    @Test
    void aBuildOfTheUsersOwnAfterTheStampCounts() throws Exception {
        built(NOW.minusSeconds(300));
        age(source, NOW.minusSeconds(200));
        age(modules, NOW.minusSeconds(100));
        assertThat(launch()).isEmpty();
        assertThat(calls()).isEqualTo("ran\n");
    }

    /** A build at the given time: the launcher's module path, the natives and the stamp. */
    private void built(Instant when) throws IOException {
        Files.createDirectories(modules);
        Files.createDirectories(root.resolve("target/javacpp-cache"));
        Files.writeString(stamp, "");
        age(modules, when);
        age(stamp, when);
    }

    private String launch() throws Exception {
        ProcessBuilder pb = new ProcessBuilder("bash", root.resolve("vae").toString(), "--version");
        pb.environment().put("PATH", root.resolve("bin") + ":" + System.getenv("PATH"));
        pb.redirectErrorStream(false);
        pb.redirectOutput(ProcessBuilder.Redirect.DISCARD);
        Process p = pb.start();
        String err = new String(p.getErrorStream().readAllBytes());
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(err).isZero();
        return err;
    }

    private String calls() throws IOException {
        return Files.readString(root.resolve("calls"));
    }

    private static void age(Path p, Instant when) throws IOException {
        Files.setLastModifiedTime(p, FileTime.from(when));
    }

    private static void executable(Path p, String body) throws IOException {
        Files.createDirectories(p.getParent());
        Files.writeString(p, "#!/bin/sh\n" + body + "\n");
        Files.setPosixFilePermissions(p, PosixFilePermissions.fromString("rwxr-xr-x"));
    }
}
