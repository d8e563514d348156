package dev.vae.app.cli;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Comparator;
import java.util.UUID;
import java.util.stream.Stream;

/**
 * The output folder of a run, written all or nothing: files go into a hidden staging folder beside
 * the target, which is renamed to the target once everything is written. A failed run deletes the
 * staging folder, so no half-written output is left, and an existing folder is replaced only when
 * the user asked for it.
 */
final class RunFolder implements AutoCloseable {
    private final Path target;
    private final boolean overwrite;
    private final Path staging;
    private boolean committed;

    private RunFolder(Path target, boolean overwrite, Path staging) {
        this.target = target;
        this.overwrite = overwrite;
        this.staging = staging;
    }

    /** A fresh folder under {@code runs/}, named by the time. */
    static Path defaultTarget() {
        String stamp = LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss"));
        Path candidate = Path.of("runs", stamp);
        for (int i = 2; Files.exists(candidate); i++) {
            candidate = Path.of("runs", stamp + "-" + i);
        }
        return candidate;
    }

    /**
     * Checks that the target may be written, before any work is done.
     *
     * @throws UserError if it exists without {@code overwrite}, or is a file
     */
    static void check(Path target, boolean overwrite) {
        if (Files.exists(target) && !overwrite) {
            throw new UserError("output folder " + target + " exists; choose another --output or pass --overwrite");
        }
        if (Files.exists(target) && !Files.isDirectory(target)) {
            throw new UserError("output " + target + " is a file; expected a folder");
        }
    }

    /** Creates the staging folder beside the target. */
    static RunFolder open(Path target, boolean overwrite) throws IOException {
        check(target, overwrite);
        Path parent = target.toAbsolutePath().getParent();
        Files.createDirectories(parent);
        Path staging = Files.createDirectory(parent.resolve("." + target.getFileName() + ".partial-" + UUID.randomUUID()));
        return new RunFolder(target, overwrite, staging);
    }

    /** Where to write a file of the run while it is staged. */
    Path file(String name) {
        return staging.resolve(name);
    }

    /** Moves the staged files into place. */
    void commit() throws IOException {
        if (Files.exists(target)) {
            if (!overwrite) {
                throw new FileAlreadyExistsException(target.toString());
            }
            delete(target);
        }
        Files.move(staging, target, StandardCopyOption.ATOMIC_MOVE);
        committed = true;
    }

    Path target() {
        return target;
    }

    @Override
    public void close() throws IOException {
        if (!committed) {
            delete(staging);
        }
    }

    private static void delete(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
