package dev.vae.app.run;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.UUID;

/** Writes a file through a temporary file beside it and a rename, so that it is never half-written. */
public final class AtomicWrite {

    private AtomicWrite() {
    }

    /** A temporary name beside {@code file}, of the form {@code .NAME.UUID.tmp}, which runs own. */
    public static Path temporary(Path file) {
        return file.toAbsolutePath().resolveSibling("." + file.getFileName() + "." + UUID.randomUUID() + ".tmp");
    }

    /** Replaces {@code file} with {@code text}, in UTF-8. */
    public static void string(Path file, String text) throws IOException {
        Path temp = temporary(file);
        try {
            Files.writeString(temp, text, StandardCharsets.UTF_8);
            Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(temp);
        }
    }
}
