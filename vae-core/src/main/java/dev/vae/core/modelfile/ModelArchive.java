package dev.vae.core.modelfile;

import dev.vae.core.ModelFileException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Objects;
import java.util.Optional;
import java.util.zip.CRC32;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * The entries of an open model file, read without trusting the sizes the archive declares: each
 * entry is inflated only up to the most bytes it may hold, then checked against the CRC-32 the
 * archive records for it and, where the manifest has one, its SHA-256.
 */
public final class ModelArchive {
    private final Path file;
    private final ZipFile zip;

    public ModelArchive(Path file, ZipFile zip) {
        this.file = file;
        this.zip = zip;
    }

    /** The model file, for messages. */
    public Path file() {
        return file;
    }

    /** Whether the archive holds an entry of this name. */
    public boolean has(String name) {
        return zip.getEntry(name) != null;
    }

    /**
     * The bytes of an entry, checked.
     *
     * @param limit the most bytes the entry may inflate to; reading stops at the first byte past it
     * @param sha256 the entry's checksum in lower-case hex, when the manifest records one
     * @throws ModelFileException if the entry is missing, larger than the limit, or damaged
     */
    public byte[] read(String name, int limit, Optional<String> sha256) throws IOException {
        ZipEntry entry = zip.getEntry(name);
        if (entry == null) {
            throw new ModelFileException(file, "lacks entry " + name);
        }
        byte[] bytes;
        try (InputStream in = zip.getInputStream(entry)) {
            bytes = in.readNBytes(limit + 1);
        } catch (IOException e) {
            // Inflating damaged data fails with a ZipException, or an EOFException where it ends early.
            throw new ModelFileException(file, "has a damaged entry " + name + " ("
                    + Objects.toString(e.getMessage(), e.getClass().getSimpleName()) + ")");
        }
        if (bytes.length > limit) {
            throw new ModelFileException(file, "has an entry " + name + " that inflates past the " + limit
                    + " bytes it may hold");
        }
        checkCrc(entry, bytes);
        if (sha256.isPresent() && !sha256.get().equals(sha256(bytes))) {
            throw new ModelFileException(file, "has an entry " + name + " whose SHA-256 differs from the one in "
                    + ModelManifest.MANIFEST);
        }
        return bytes;
    }

    private void checkCrc(ZipEntry entry, byte[] bytes) throws ModelFileException {
        CRC32 crc = new CRC32();
        crc.update(bytes);
        if (crc.getValue() != entry.getCrc()) {
            throw new ModelFileException(file, "has a damaged entry " + entry.getName() + " (CRC-32 "
                    + String.format("%08x", crc.getValue()) + ", the archive records " + String.format("%08x", entry.getCrc())
                    + ")");
        }
    }

    /** The SHA-256 of these bytes in lower-case hex. */
    public static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-256", e);
        }
    }
}
