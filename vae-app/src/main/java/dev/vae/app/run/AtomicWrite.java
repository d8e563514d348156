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

    /** What goes into the file, written to the temporary file given. */
    @FunctionalInterface
    public interface Content {
        void writeTo(Path temp) throws IOException;
    }

    /** Replaces {@code file} with {@code text}, in UTF-8. */
    public static void string(Path file, String text) throws IOException {
        write(file, temp -> Files.writeString(temp, text, StandardCharsets.UTF_8));
    }

    /** Replaces {@code file} with what {@code content} writes. */
    public static void write(Path file, Content content) throws IOException {
        Path temp = temporary(file);
        try {
            content.writeTo(temp);
            Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(temp);
        }
    }
}
