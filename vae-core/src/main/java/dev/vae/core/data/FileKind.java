package dev.vae.core.data;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;

/**
 * Checks what a path names before it is opened: opening a FIFO for reading blocks until a writer
 * comes, and a device never ends, so only regular files are read.
 */
final class FileKind {
    private static final int TYPE_BITS = 0170000;
    private static final int FIFO = 0010000;
    private static final int CHARACTER_DEVICE = 0020000;
    private static final int BLOCK_DEVICE = 0060000;
    private static final int SOCKET = 0140000;

    private FileKind() {
    }

    /**
     * @param expected what the path should be, for the message when it is missing
     * @throws NoSuchFileException if nothing is there
     * @throws FileTypeException if something other than a regular file is there
     */
    static void requireRegularFile(Path file, String expected) throws IOException {
        BasicFileAttributes attributes = attributes(file, expected);
        if (!attributes.isRegularFile()) {
            throw new FileTypeException(file, kind(file, attributes), "a regular file");
        }
    }

    /** As {@link #requireRegularFile} for a folder. */
    static void requireFolder(Path dir, String expected) throws IOException {
        BasicFileAttributes attributes = attributes(dir, expected);
        if (!attributes.isDirectory()) {
            throw new FileTypeException(dir, kind(dir, attributes), expected);
        }
    }

    private static BasicFileAttributes attributes(Path path, String expected) throws IOException {
        try {
            return Files.readAttributes(path, BasicFileAttributes.class);
        } catch (NoSuchFileException e) {
            throw new NoSuchFileException(path + " (expected " + expected + ")");
        }
    }

    private static String kind(Path path, BasicFileAttributes attributes) {
        if (attributes.isDirectory()) {
            return "a folder";
        }
        if (attributes.isRegularFile()) {
            return "a file";
        }
        return switch (unixType(path)) {
            case FIFO -> "a FIFO";
            case CHARACTER_DEVICE -> "a character device";
            case BLOCK_DEVICE -> "a block device";
            case SOCKET -> "a socket";
            default -> "a special file";
        };
    }

    // The "unix" attribute view is the only portable way to tell a FIFO from a device; where it is
    // missing, the message says "a special file".
    private static int unixType(Path path) {
        try {
            return (Integer) Files.getAttribute(path, "unix:mode") & TYPE_BITS;
        } catch (IOException | UnsupportedOperationException | IllegalArgumentException e) {
            return 0;
        }
    }
}
