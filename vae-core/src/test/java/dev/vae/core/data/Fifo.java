package dev.vae.core.data;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Path;

/** Named pipes for the tests: a reader that opens one blocks until a writer comes, which none will. */
final class Fifo {
    private Fifo() {
    }

    /** Makes a FIFO at {@code path} with mkfifo, skipping the test where mkfifo is missing. */
    static Path make(Path path) throws IOException, InterruptedException {
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
