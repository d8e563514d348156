package dev.vae.app.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Hostile data given to the packaged app in a child JVM: each ends with one line on standard error,
 * exit code 2, no stack trace and no run folder, and none may hang the app.
 */
class HostileDataIT {
    private static final long TIMEOUT_SECONDS = 60;

    @TempDir
    Path dir;

    @Test
    void aFifoAmongTheIdxFilesIsRefusedWithoutHanging() throws Exception {
        Path data = Files.createDirectory(dir.resolve("data"));
        Path fifo = mkfifo(data.resolve("train-images-idx3-ubyte"));

        assertRefused(train("--data", data.toString()), fifo + ": is a FIFO, not a regular file");
    }

    @Test
    void aFifoAsTheCsvFileIsRefusedWithoutHanging() throws Exception {
        Path fifo = mkfifo(dir.resolve("data.csv"));

        assertRefused(train("--data", fifo.toString()), fifo + ": is a FIFO, not a regular file");
    }

    @Test
    void aShortFileWhoseHeaderDeclaresGigabytesIsRefused() throws Exception {
        Path data = Files.createDirectory(dir.resolve("data"));
        Path images = data.resolve("train-images-idx3-ubyte");
        try (DataOutputStream out = new DataOutputStream(Files.newOutputStream(images))) {
            out.writeInt(0x00000803);
            out.writeInt(1);
            out.writeInt(46340);
            out.writeInt(46340);
            out.write(new byte[16]);
        }

        assertRefused(train("--data", data.toString()), images + ": is 32 bytes, shorter than the 2147395616 its header "
                + "declares (1x46340x46340 values after a 16-byte header)");
    }

    @Test
    void aNegativeLabelColumnIsRefused() throws Exception {
        Path csv = Files.writeString(dir.resolve("data.csv"), "0.1,0.2,1\n0.3,0.4,0\n0.5,0.6,1\n");

        assertRefused(train("--data", csv.toString(), "--label-column", "-5"), "--label-column must be 0 or more, got -5");
    }

    @Test
    void aLabelColumnWithoutACsvFileIsRefused() throws Exception {
        assertRefused(train("--label-column", "2"), "--label-column applies to a .csv file only, not to the embedded digits");
    }

    /** Runs {@code vae train ARGS --output DIR/run}, failing the test if it has not ended within the timeout. */
    private AppProcess.Run train(String... args) throws IOException, InterruptedException {
        String[] command = new String[args.length + 5];
        command[0] = "train";
        System.arraycopy(args, 0, command, 1, args.length);
        System.arraycopy(new String[] {"--epochs", "1", "--output", dir.resolve("run").toString()}, 0, command, args.length + 1, 4);
        AppProcess app = new AppProcess(dir);
        Process process = app.start("train", Map.of(), command);
        if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor();
            fail("vae " + String.join(" ", command) + " still ran after " + TIMEOUT_SECONDS + " s");
        }
        return app.await("train", process);
    }

    private void assertRefused(AppProcess.Run run, String message) throws IOException {
        assertThat(run.code()).as(run.err()).isEqualTo(ExitCodes.USAGE);
        assertThat(run.err()).isEqualTo("vae train: " + message + System.lineSeparator());
        assertThat(run.out()).isEmpty();
        assertThat(dir.resolve("run")).doesNotExist();
        try (var staged = Files.list(dir)) {
            assertThat(staged.map(p -> p.getFileName().toString())).noneMatch(name -> name.startsWith(".run"));
        }
    }

    private static Path mkfifo(Path path) throws IOException, InterruptedException {
        Process mkfifo;
        try {
            mkfifo = new ProcessBuilder("mkfifo", path.toString()).inheritIO().start();
        } catch (IOException e) {
            assumeTrue(false, "mkfifo is not available: " + e.getMessage());
            throw e;
        }
        if (mkfifo.waitFor() != 0) {
            throw new IOException("mkfifo " + path + " exited with " + mkfifo.exitValue());
        }
        return path;
    }
}
