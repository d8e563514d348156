package dev.vae.core.modelfile;

import com.google.gson.GsonBuilder;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.UnaryOperator;
import java.util.zip.CRC32;
import java.util.zip.Deflater;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;

/** Model files and arrays altered by hand, as a forger would, for the tests of the reader. */
public final class Forgery {
    private Forgery() {
    }

    public static byte[] entry(Path file, String name) throws IOException {
        try (ZipFile zip = new ZipFile(file.toFile())) {
            return zip.getInputStream(zip.getEntry(name)).readAllBytes();
        }
    }

    /**
     * A copy of a model file with entries replaced and its manifest edited, the checksums of the
     * replaced entries brought up to date when {@code fixChecksums}, as a forger would.
     */
    public static Path rebuild(Path source, Path target, Map<String, byte[]> replaced, UnaryOperator<String> edit,
                               boolean fixChecksums)
            throws IOException {
        Map<String, byte[]> entries = new LinkedHashMap<>();
        try (ZipFile in = new ZipFile(source.toFile())) {
            for (ZipEntry e : Collections.list(in.entries())) {
                entries.put(e.getName(), replaced.getOrDefault(e.getName(), in.getInputStream(e).readAllBytes()));
            }
        }
        String manifest = edit.apply(new String(entries.remove("manifest.json"), StandardCharsets.UTF_8));
        if (manifest != null && fixChecksums) {
            JsonObject json = JsonParser.parseString(manifest).getAsJsonObject();
            replaced.forEach((name, bytes) -> json.getAsJsonObject("checksums").addProperty(name, ModelArchive.sha256(bytes)));
            manifest = new GsonBuilder().setPrettyPrinting().create().toJson(json);
        }
        Map<String, byte[]> ordered = new LinkedHashMap<>();
        if (manifest != null) {
            ordered.put("manifest.json", manifest.getBytes(StandardCharsets.UTF_8));
        }
        ordered.putAll(entries);
        return zip(target, ordered);
    }

    public static Path zip(Path target, Map<String, byte[]> entries) throws IOException {
        try (OutputStream file = Files.newOutputStream(target); ZipOutputStream out = new ZipOutputStream(file)) {
            for (Map.Entry<String, byte[]> e : entries.entrySet()) {
                out.putNextEntry(new ZipEntry(e.getKey()));
                out.write(e.getValue());
            }
        }
        return target;
    }

    /** An {@code .npy} file with this header and data, written by hand as a forger would. */
    public static byte[] npy(String descr, String shape, byte[] data) {
        String header = "{'descr': '" + descr + "', 'fortran_order': False, 'shape': " + shape + ", }";
        header += " ".repeat(63 - (10 + header.length()) % 64) + "\n";
        return ByteBuffer.allocate(10 + header.length() + data.length).order(ByteOrder.LITTLE_ENDIAN)
                .put(new byte[] {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y', 1, 0}).putShort((short) header.length())
                .put(header.getBytes(StandardCharsets.ISO_8859_1)).put(data).array();
    }

    public static byte[] floats(float... values) {
        ByteBuffer b = ByteBuffer.allocate(values.length * 4).order(ByteOrder.LITTLE_ENDIAN);
        b.asFloatBuffer().put(values);
        return b.array();
    }

    /** A copy of a model file with one entry holding this header and then 2 GiB of zeros, a few MB deflated. */
    public static Path bomb(Path source, Path target, String name, byte[] header) throws IOException {
        try (ZipFile in = new ZipFile(source.toFile()); ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(target))) {
            out.setLevel(Deflater.BEST_SPEED);
            for (ZipEntry e : Collections.list(in.entries())) {
                out.putNextEntry(new ZipEntry(e.getName()));
                if (e.getName().equals(name)) {
                    out.write(header);
                    byte[] zeros = new byte[1 << 20];
                    for (int i = 0; i < 2048; i++) {
                        out.write(zeros);
                    }
                } else {
                    in.getInputStream(e).transferTo(out);
                }
            }
        }
        return target;
    }

    /** A copy of a model file with every entry stored uncompressed, so that its bytes can be altered in place. */
    public static Path stored(Path source, Path target) throws IOException {
        try (ZipFile in = new ZipFile(source.toFile()); ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(target))) {
            for (ZipEntry e : Collections.list(in.entries())) {
                byte[] bytes = in.getInputStream(e).readAllBytes();
                ZipEntry copy = new ZipEntry(e.getName());
                copy.setMethod(ZipEntry.STORED);
                copy.setSize(bytes.length);
                copy.setCrc(e.getCrc());
                out.putNextEntry(copy);
                out.write(bytes);
            }
        }
        return target;
    }

    public static int indexOf(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i <= haystack.length - needle.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        throw new AssertionError("entry not stored verbatim");
    }

    public static String crc(byte[] bytes) {
        CRC32 crc = new CRC32();
        crc.update(bytes);
        return String.format("%08x", crc.getValue());
    }
}
