package dev.vae.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

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
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Collections;
import java.util.HexFormat;
import java.util.stream.Stream;
import java.util.zip.Deflater;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Forged model files given to {@code vae evaluate} in a child JVM: each is refused in one line with
 * exit code 2, before a byte of it reaches native code or fills the heap, and the JVM leaves no crash
 * report behind.
 */
class HostileModelFileIT {
    @TempDir
    static Path dir;

    private static Path model;

    @BeforeAll
    static void train() throws Exception {
        AppProcess.Run r = new AppProcess(dir).run("train", "--epochs", "1", "--hidden-dims", "8", "--output",
                dir.resolve("run").toString());
        assertThat(r.code()).as(r.err()).isZero();
        model = dir.resolve("run/model.vae");
    }

    @Test
    void anObjectArrayIsRefusedWithoutCrashingTheJvm() throws Exception {
        Path forged = dir.resolve("object.vae");
        byte[] pickle = "\u0080\u0004\u0095cnumpy.core.multiarray\n_reconstruct\n".getBytes(StandardCharsets.ISO_8859_1);
        byte[] npy = npy("|O", "(8,)", pickle);
        copyReplacing(forged, "weights/encoder.0.b.npy", out -> out.write(npy), sha256(npy));

        AppProcess.Run r = new AppProcess(dir).run("evaluate", "--model", forged.toString());

        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err().lines()).containsExactly("vae evaluate: " + forged
                + ": weight encoder.0.b has dtype '|O'; expected '<f4' or '<f8'");
        assertNoCrashReport();
    }

    @Test
    void aZipBombIsRefusedAtTheSizeOfItsWeight() throws Exception {
        Path bomb = dir.resolve("bomb.vae");
        copyReplacing(bomb, "weights/decoder.0.W.npy", out -> {
            out.write(npy("<f4", "(2, 8)", new byte[0]));
            byte[] zeros = new byte[1 << 20];
            for (int i = 0; i < 2048; i++) {
                out.write(zeros);
            }
        }, "0".repeat(64));
        assertThat(Files.size(bomb)).isLessThan(16 << 20);

        AppProcess.Run r = new AppProcess(dir).run("evaluate", "--model", bomb.toString());

        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err().lines()).containsExactly("vae evaluate: " + bomb
                + ": has an entry weights/decoder.0.W.npy that inflates past the " + (65_545 + 2 * 8 * 8)
                + " bytes it may hold");
        assertNoCrashReport();
    }

    private static void assertNoCrashReport() throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            assertThat(files.map(p -> p.getFileName().toString())).noneMatch(name -> name.startsWith("hs_err"));
        }
    }

    /** What goes into the forged entry. */
    private interface Content {
        void writeTo(OutputStream out) throws IOException;
    }

    /**
     * A copy of the trained model with one entry forged, and the manifest's checksum of it set as a
     * forger would set it.
     */
    private static void copyReplacing(Path target, String name, Content content, String sha256) throws IOException {
        try (ZipFile in = new ZipFile(model.toFile()); ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(target))) {
            out.setLevel(Deflater.BEST_SPEED);
            for (ZipEntry e : Collections.list(in.entries())) {
                out.putNextEntry(new ZipEntry(e.getName()));
                if (e.getName().equals("manifest.json")) {
                    JsonObject manifest = JsonParser.parseString(new String(in.getInputStream(e).readAllBytes(),
                            StandardCharsets.UTF_8)).getAsJsonObject();
                    manifest.getAsJsonObject("checksums").addProperty(name, sha256);
                    out.write(new GsonBuilder().setPrettyPrinting().create().toJson(manifest).getBytes(StandardCharsets.UTF_8));
                } else if (e.getName().equals(name)) {
                    content.writeTo(out);
                } else {
                    in.getInputStream(e).transferTo(out);
                }
            }
        }
    }

    private static byte[] npy(String descr, String shape, byte[] data) {
        String header = "{'descr': '" + descr + "', 'fortran_order': False, 'shape': " + shape + ", }";
        header += " ".repeat(63 - (10 + header.length()) % 64) + "\n";
        return ByteBuffer.allocate(10 + header.length() + data.length).order(ByteOrder.LITTLE_ENDIAN)
                .put(new byte[] {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y', 1, 0}).putShort((short) header.length())
                .put(header.getBytes(StandardCharsets.ISO_8859_1)).put(data).array();
    }

    private static String sha256(byte[] bytes) throws NoSuchAlgorithmException {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    }
}
