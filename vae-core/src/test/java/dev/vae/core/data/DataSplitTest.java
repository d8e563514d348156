package dev.vae.core.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

class DataSplitTest {
    @TempDir
    Path dir;

    @BeforeEach
    void writeAGoodSet() throws IOException {
        writeImages("train-images-idx3-ubyte", 6, 4, 3);
        writeLabels("train-labels-idx1-ubyte", 6);
        writeImages("t10k-images-idx3-ubyte.gz", 2, 4, 3);
        writeLabels("t10k-labels-idx1-ubyte.gz", 2);
    }

    @Test
    void readsPlainAndGzipFilesAndScalesPixelsToTheUnitInterval() throws IOException {
        DataSplit data = DataSplit.read(dir);

        assertThat(data.train().size()).isEqualTo(6);
        assertThat(data.test().size()).isEqualTo(2);
        assertThat(data.train().rows()).isEqualTo(4);
        assertThat(data.train().cols()).isEqualTo(3);
        assertThat(data.train().images().getDouble(1, 2)).isEqualTo(pixel(1, 2) / 255.0, org.assertj.core.data.Offset.offset(1e-7));
        assertThat(data.train().labels()).containsExactly(0, 1, 2, 3, 4, 5);
    }

    @Test
    void theEmbeddedDigitsAreTheDocumentedSplit() throws IOException {
        DataSplit data = DataSplit.embedded();

        assertThat(data.train().size()).isEqualTo(8000);
        assertThat(data.test().size()).isEqualTo(2000);
        assertThat(data.train().dimension()).isEqualTo(784);
        int[] counts = new int[10];
        for (ImageSet set : new ImageSet[] {data.train(), data.test()}) {
            for (int label : set.labels()) {
                counts[label]++;
            }
        }
        assertThat(counts).containsExactly(1001, 1127, 991, 1032, 980, 863, 1014, 1070, 944, 978);
        assertThat(data.train().images().maxNumber().doubleValue()).isEqualTo(1.0);
    }

    @Test
    void aMissingFolderOrFileIsNamed() throws IOException {
        assertThatThrownBy(() -> DataSplit.read(dir.resolve("nowhere")))
                .isInstanceOf(NoSuchFileException.class).hasMessageContaining("expected a folder");
        Files.delete(dir.resolve("train-labels-idx1-ubyte"));
        assertThatThrownBy(() -> DataSplit.read(dir))
                .isInstanceOf(NoSuchFileException.class)
                .hasMessageContaining("train-labels-idx1-ubyte (expected train-labels-idx1-ubyte or train-labels-idx1-ubyte.gz)");
    }

    @Test
    void anEmptyFileIsRejected() throws IOException {
        Files.write(dir.resolve("train-images-idx3-ubyte"), new byte[0]);
        assertThatThrownBy(() -> DataSplit.read(dir)).isInstanceOf(IdxFormatException.class)
                .hasMessageEndingWith("train-images-idx3-ubyte: is empty");
    }

    @Test
    void aWrongMagicNumberIsRejected() throws IOException {
        Files.writeString(dir.resolve("train-images-idx3-ubyte"), "P5 28 28 255 not an idx file");
        assertThatThrownBy(() -> DataSplit.read(dir)).isInstanceOf(IdxFormatException.class)
                .hasMessageContaining("wrong magic number 0x50352032; expected an unsigned-byte IDX file (0x00000803)");
    }

    @Test
    void labelsWhereImagesBelongAreRejectedByRank() throws IOException {
        writeLabels("train-images-idx3-ubyte", 6);
        assertThatThrownBy(() -> DataSplit.read(dir)).isInstanceOf(IdxFormatException.class)
                .hasMessageContaining("has 1 dimensions; expected 3");
    }

    @Test
    void aTruncatedFileIsRejected() throws IOException {
        Path file = dir.resolve("train-images-idx3-ubyte");
        byte[] bytes = Files.readAllBytes(file);
        Files.write(file, Arrays.copyOf(bytes, bytes.length - 5));
        assertThatThrownBy(() -> DataSplit.read(dir)).isInstanceOf(IdxFormatException.class)
                .hasMessageEndingWith("train-images-idx3-ubyte: is 83 bytes, shorter than the 88 its header declares "
                        + "(6x4x3 values after a 16-byte header)");
    }

    @Test
    void aTruncatedGzipStreamIsRejected() throws IOException {
        Path file = dir.resolve("t10k-images-idx3-ubyte.gz");
        byte[] bytes = Files.readAllBytes(file);
        Files.write(file, Arrays.copyOf(bytes, bytes.length - 12));
        assertThatThrownBy(() -> DataSplit.read(dir)).isInstanceOf(IdxFormatException.class)
                .hasMessageContaining("t10k-images-idx3-ubyte.gz: truncated");
    }

    @Test
    void trailingBytesAreRejected() throws IOException {
        Files.write(dir.resolve("train-labels-idx1-ubyte"), new byte[] {9, 9}, java.nio.file.StandardOpenOption.APPEND);
        assertThatThrownBy(() -> DataSplit.read(dir)).isInstanceOf(IdxFormatException.class)
                .hasMessageEndingWith("train-labels-idx1-ubyte: is 16 bytes, longer than the 14 its header declares "
                        + "(6 values after a 8-byte header)");
    }

    @Test
    void countsThatDisagreeAreRejected() throws IOException {
        writeLabels("train-labels-idx1-ubyte", 5);
        assertThatThrownBy(() -> DataSplit.read(dir)).isInstanceOf(IdxFormatException.class)
                .hasMessageContaining("holds 5 labels but").hasMessageContaining("holds 6 images");
    }

    @Test
    void testImagesOfAnotherSizeThanTheTrainingImagesAreRejected() throws IOException {
        writeImages("t10k-images-idx3-ubyte.gz", 2, 5, 3);
        assertThatThrownBy(() -> DataSplit.read(dir)).isInstanceOf(IdxFormatException.class)
                .hasMessageContaining("images are 5x3 pixels; the training images are 4x3");
    }

    @Test
    void aFileWithNoItemsIsRejected() throws IOException {
        writeLabels("train-labels-idx1-ubyte", 0);
        assertThatThrownBy(() -> DataSplit.read(dir)).isInstanceOf(IdxFormatException.class)
                .hasMessageContaining("dimension 0 has size 0; expected at least 1");
    }

    @Test
    void aShortFileWhoseHeaderDeclaresGigabytesIsRefusedBeforeAnyAllocation() throws IOException {
        write("train-images-idx3-ubyte", Arrays.copyOf(imagesHeader(1, 46340, 46340), 32));
        assertThatThrownBy(() -> DataSplit.read(dir)).isInstanceOf(IdxFormatException.class)
                .hasMessage(dir.resolve("train-images-idx3-ubyte") + ": is 32 bytes, shorter than the 2147395616 its header "
                        + "declares (1x46340x46340 values after a 16-byte header)");
    }

    @Test
    void aGzipFileTooSmallToInflateToWhatItsHeaderDeclaresIsRefusedUnread() throws IOException {
        write("t10k-images-idx3-ubyte.gz", imagesHeader(2, 30000, 30000));
        long size = Files.size(dir.resolve("t10k-images-idx3-ubyte.gz"));
        assertThatThrownBy(() -> DataSplit.read(dir)).isInstanceOf(IdxFormatException.class)
                .hasMessageEndingWith("t10k-images-idx3-ubyte.gz: its header declares 1800000016 bytes (2x30000x30000 values "
                        + "after a 16-byte header), more than a gzip file of " + size + " bytes can inflate to (1032 times its size)");
    }

    @Test
    void aGzipFileThatInflatesToLessThanItsHeaderDeclaresIsTruncated() throws IOException {
        byte[] bytes = Files.readAllBytes(images(2, 4, 3));
        write("t10k-images-idx3-ubyte.gz", Arrays.copyOf(bytes, bytes.length - 4));
        assertThatThrownBy(() -> DataSplit.read(dir)).isInstanceOf(IdxFormatException.class)
                .hasMessageEndingWith("t10k-images-idx3-ubyte.gz: truncated: ends after 20 of the 24 values its header declares");
    }

    @Test
    void aGzipFileThatInflatesToMoreThanItsHeaderDeclaresIsRefused() throws IOException {
        byte[] bytes = Files.readAllBytes(images(2, 4, 3));
        write("t10k-images-idx3-ubyte.gz", Arrays.copyOf(bytes, bytes.length + 1000));
        assertThatThrownBy(() -> DataSplit.read(dir)).isInstanceOf(IdxFormatException.class)
                .hasMessageEndingWith("t10k-images-idx3-ubyte.gz: holds more than the 24 values its header declares");
    }

    @Test
    void sizesWhoseProductOverflowsAreRefused() throws IOException {
        write("train-images-idx3-ubyte", imagesHeader(1 << 21, 1 << 21, 1 << 22));
        assertThatThrownBy(() -> DataSplit.read(dir)).isInstanceOf(IdxFormatException.class)
                .hasMessageEndingWith("train-images-idx3-ubyte: its header declares 2097152x2097152x4194304 values, "
                        + "more than any file holds");
    }

    @Test
    void headersBeyondTheMemoryBudgetAreRefusedNamingTheFileThatCrossesIt() throws IOException {
        // 72 + 6 + 24 values of 4 bytes fit in 408 bytes; the test labels' 2 more do not
        assertThatThrownBy(() -> DataSplit.read(dir, new MemoryBudget(408))).isInstanceOf(DataTooLargeException.class)
                .hasMessage(dir.resolve("t10k-labels-idx1-ubyte.gz") + ": its header declares 2 values; the data would need "
                        + "416 bytes of memory as floats, more than the 408 bytes this JVM may use; give it more, e.g. "
                        + "VAE_JAVA_OPTS=-Xmx1g");
        assertThat(DataSplit.read(dir, new MemoryBudget(416)).test().size()).isEqualTo(2);
    }

    @Test
    @Timeout(value = 20, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    void aFifoWhereAFileBelongsIsRefusedWithoutOpeningIt() throws Exception {
        Files.delete(dir.resolve("train-images-idx3-ubyte"));
        Path fifo = Fifo.make(dir.resolve("train-images-idx3-ubyte"));
        assertThatThrownBy(() -> DataSplit.read(dir)).isInstanceOf(FileTypeException.class)
                .hasMessage(fifo + ": is a FIFO, not a regular file");
        assertThatThrownBy(() -> DataSplit.read(fifo)).isInstanceOf(FileTypeException.class)
                .hasMessage(fifo + ": is a FIFO, not a folder holding the MNIST IDX files");
    }

    @Test
    void aFolderWhereAFileBelongsIsRefused() throws IOException {
        Files.delete(dir.resolve("train-labels-idx1-ubyte"));
        Files.createDirectory(dir.resolve("train-labels-idx1-ubyte"));
        assertThatThrownBy(() -> DataSplit.read(dir)).isInstanceOf(FileTypeException.class)
                .hasMessage(dir.resolve("train-labels-idx1-ubyte") + ": is a folder, not a regular file");
    }

    private Path images(int n, int rows, int cols) throws IOException {
        writeImages("images", n, rows, cols);
        return dir.resolve("images");
    }

    private static byte[] imagesHeader(int n, int rows, int cols) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        DataOutputStream out = new DataOutputStream(bytes);
        out.writeInt(0x00000803);
        out.writeInt(n);
        out.writeInt(rows);
        out.writeInt(cols);
        return bytes.toByteArray();
    }

    private static int pixel(int item, int index) {
        return (item * 37 + index * 11) % 256;
    }

    private void writeImages(String name, int n, int rows, int cols) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        DataOutputStream out = new DataOutputStream(bytes);
        out.write(imagesHeader(n, rows, cols));
        for (int i = 0; i < n; i++) {
            for (int p = 0; p < rows * cols; p++) {
                out.writeByte(pixel(i, p));
            }
        }
        write(name, bytes.toByteArray());
    }

    private void writeLabels(String name, int n) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        DataOutputStream out = new DataOutputStream(bytes);
        out.writeInt(0x00000801);
        out.writeInt(n);
        for (int i = 0; i < n; i++) {
            out.writeByte(i % 10);
        }
        write(name, bytes.toByteArray());
    }

    private void write(String name, byte[] content) throws IOException {
        try (OutputStream file = Files.newOutputStream(dir.resolve(name));
             OutputStream out = name.endsWith(".gz") ? new GZIPOutputStream(file) : file) {
            out.write(content);
        }
    }
}
