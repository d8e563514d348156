package dev.vae.core.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.BufferedOutputStream;
import java.io.DataOutputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Gzip files that inflate to far more than their size. The first, about 2 MB, honestly declares one
 * 46340x46340 image: 2.1 GB once inflated, 8 GiB as floats. It passes the compression-ratio check,
 * so only the memory check stands between it and an OutOfMemoryError after a long inflation. The
 * second declares 12 values and inflates to 200 MB.
 */
class GzipBombTest {
    private static final int SIDE = 46340;
    private static final long DECLARED = (long) SIDE * SIDE;
    private static final long GIB = 1L << 30;

    @TempDir
    static Path dir;
    private static Path bomb;

    @BeforeAll
    static void writeTheBomb() throws IOException {
        bomb = dir.resolve("train-images-idx3-ubyte.gz");
        try (DataOutputStream out = new DataOutputStream(new GZIPOutputStream(
                new BufferedOutputStream(Files.newOutputStream(bomb)), 1 << 16))) {
            out.writeInt(0x00000803);
            out.writeInt(1);
            out.writeInt(SIDE);
            out.writeInt(SIDE);
            byte[] zeros = new byte[1 << 20];
            for (long left = DECLARED; left > 0; left -= zeros.length) {
                out.write(zeros, 0, (int) Math.min(left, zeros.length));
            }
        }
    }

    @Test
    void itIsSmallOnDiskAndWithinTheCompressionRatioThatGzipAllows() throws IOException {
        assertThat(Files.size(bomb)).isBetween(2_000_000L, 3_000_000L);
        assertThat(DECLARED + 16).isLessThanOrEqualTo(IdxFile.MAX_GZIP_RATIO * Files.size(bomb));
    }

    @Test
    void theMemoryCheckRefusesItFastSayingHowMuchIsNeeded() {
        long start = System.nanoTime();
        assertThatThrownBy(() -> DataSplit.read(dir, new MemoryBudget(GIB))).isInstanceOf(DataTooLargeException.class)
                .hasMessage(bomb + ": its header declares 1x46340x46340 values; the data would need 8.0 GiB of memory as "
                        + "floats, more than the 1.0 GiB this JVM may use; give it more, e.g. VAE_JAVA_OPTS=-Xmx16g");
        // inflating 2.1 GB alone takes several seconds
        assertThat((System.nanoTime() - start) / 1e9).isLessThan(1.0);
    }

    @Test
    void onlyItsHeaderIsInflatedBeforeTheCheck() throws IOException {
        CountingStream in = new CountingStream(Files.newInputStream(bomb));
        try (IdxFile file = IdxFile.open(in, Files.size(bomb), bomb.toString(), 3)) {
            assertThat(file.values()).isEqualTo(DECLARED);
            assertThatThrownBy(() -> new MemoryBudget(GIB).claim(bomb, file.values(), () -> "it"))
                    .isInstanceOf(DataTooLargeException.class);
        }
        assertThat(in.count).isLessThan(64 * 1024);
    }

    @Test
    void theJvmsOwnLimitRefusesItToo() {
        assumeTrue(Runtime.getRuntime().maxMemory() < 8 * GIB, "this JVM could hold the bomb's 8 GiB of floats");
        assertThatThrownBy(() -> DataSplit.read(dir)).isInstanceOf(DataTooLargeException.class)
                .hasMessageContaining("the data would need 8.0 GiB of memory as floats, more than the")
                .hasMessageEndingWith("this JVM may use; give it more, e.g. VAE_JAVA_OPTS=-Xmx16g");
    }

    @Test
    void excessBeyondTheDeclaredSizeIsRefusedAtItsFirstByte() throws IOException {
        Path liar = dir.resolve("liar.gz");
        try (DataOutputStream out = new DataOutputStream(new GZIPOutputStream(Files.newOutputStream(liar), 1 << 16))) {
            out.writeInt(0x00000803);
            out.writeInt(1);
            out.writeInt(3);
            out.writeInt(4);
            byte[] zeros = new byte[1 << 20];
            for (int i = 0; i < 200; i++) {
                out.write(zeros);
            }
        }
        CountingStream in = new CountingStream(Files.newInputStream(liar));
        try (IdxFile file = IdxFile.open(in, Files.size(liar), "liar.gz", 3)) {
            assertThatThrownBy(file::read).isInstanceOf(IdxFormatException.class)
                    .hasMessage("liar.gz: holds more than the 12 values its header declares");
        }
        assertThat(Files.size(liar)).isGreaterThan(150_000);
        assertThat(in.count).isLessThan(64 * 1024);
    }

    /** Counts the compressed bytes the reader takes. */
    private static final class CountingStream extends FilterInputStream {
        long count;

        CountingStream(InputStream in) {
            super(in);
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            count += b < 0 ? 0 : 1;
            return b;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int n = super.read(b, off, len);
            count += Math.max(n, 0);
            return n;
        }
    }
}
