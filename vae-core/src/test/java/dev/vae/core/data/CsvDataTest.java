package dev.vae.core.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

class CsvDataTest {
    private static final long SEED = 1;

    @TempDir
    Path dir;

    private Path csv(String content) throws IOException {
        return Files.writeString(dir.resolve("data.csv"), content);
    }

    @Test
    void readsRowsWithAHeaderAndALabelColumnAndHoldsOutAFractionOfTheRows() throws IOException {
        Path file = csv("a,b,label,c\n0.1,0.2,3,0.3\n0.4,0.5,1,0.6\n0.7,0.8,2,0.9\n1.0,0.0,0,0.5\n");
        DataSplit data = CsvData.read(file, 2, 0.25, SEED);

        assertThat(data.train().size()).isEqualTo(3);
        assertThat(data.test().size()).isEqualTo(1);
        assertThat(data.train().dimension()).isEqualTo(3);
        int held = data.test().labels()[0];
        float[][] byLabel = {{1.0f, 0.0f, 0.5f}, {0.4f, 0.5f, 0.6f}, {0.7f, 0.8f, 0.9f}, {0.1f, 0.2f, 0.3f}};
        assertThat(data.test().images().toFloatVector()).containsExactly(byLabel[held]);
        assertThat(IntStream.concat(IntStream.of(data.train().labels()), IntStream.of(held)).sorted().toArray())
                .containsExactly(0, 1, 2, 3);
    }

    @Test
    void quotedFieldsAQuotedHeaderAndCrlfLinesAreRead() throws IOException {
        Path file = csv("\"x, first\",\"y \"\"second\"\"\",label\r\n\"1.5\",2,\"0\"\r\n\r\n3, \"4.25\" ,1\r\n5,6,0\r\n7,8,1");
        DataSplit data = CsvData.read(file, 2, 0.5, SEED);

        List<String> read = new ArrayList<>();
        for (ImageSet set : new ImageSet[] {data.train(), data.test()}) {
            for (int i = 0; i < set.size(); i++) {
                read.add(Arrays.toString(set.images().getRow(i).toFloatVector()) + " " + set.labels()[i]);
            }
        }
        assertThat(read).containsExactlyInAnyOrder("[1.5, 2.0] 0", "[3.0, 4.25] 1", "[5.0, 6.0] 0", "[7.0, 8.0] 1");
    }

    @Test
    void anUnclosedQuoteIsNamedByTheLineItStartsOn() throws IOException {
        Path file = csv("1,2\n3,\"4\n5,6\n");
        assertThatThrownBy(() -> CsvData.read(file, -1, 0.5, SEED)).isInstanceOf(CsvFormatException.class)
                .hasMessageStartingWith(file + ": line 2: ").hasMessageContaining("EOF");
    }

    @Test
    void aFileSortedByLabelIsValidatedOnEveryClass() throws IOException {
        StringBuilder text = new StringBuilder("value,label\n");
        for (int label = 0; label < 5; label++) {
            for (int i = 0; i < 40; i++) {
                text.append(label + i / 100.0).append(',').append(label).append('\n');
            }
        }
        Path file = csv(text.toString());
        DataSplit data = CsvData.read(file, 1, 0.2, SEED);

        assertThat(data.test().size()).isEqualTo(40);
        assertThat(IntStream.of(data.test().labels()).distinct().sorted().toArray()).containsExactly(0, 1, 2, 3, 4);
        assertThat(IntStream.of(data.train().labels()).distinct().sorted().toArray()).containsExactly(0, 1, 2, 3, 4);
        assertThat(CsvData.read(file, 1, 0.2, SEED).test().images()).isEqualTo(data.test().images());
        assertThat(CsvData.read(file, 1, 0.2, SEED + 1).test().images()).isNotEqualTo(data.test().images());
    }

    @Test
    void aNonNumericCellIsNamedByLineAndColumn() throws IOException {
        assertThatThrownBy(() -> CsvData.read(csv("1,2\n3,x\n5,6\n"), -1, 0.2, SEED))
                .isInstanceOf(CsvFormatException.class).hasMessageEndingWith("line 2, column 1: 'x' is not a number");
    }

    @Test
    void aRaggedRowIsRejected() throws IOException {
        assertThatThrownBy(() -> CsvData.read(csv("1,2\n3,4,5\n5,6\n"), -1, 0.2, SEED))
                .isInstanceOf(CsvFormatException.class).hasMessageEndingWith("line 2 has 3 cells; earlier rows have 2");
    }

    @Test
    void anEmptyFileIsRejected() throws IOException {
        assertThatThrownBy(() -> CsvData.read(csv(""), -1, 0.2, SEED))
                .isInstanceOf(CsvFormatException.class).hasMessageEndingWith("holds 0 data rows; expected at least 2");
    }

    @Test
    void aLabelColumnBeyondTheRowsIsNamedWithTheFirstDataLine() throws IOException {
        Path file = csv("a,b\n1,2\n3,4\n");
        assertThatThrownBy(() -> CsvData.read(file, 5, 0.5, SEED)).isInstanceOf(CsvFormatException.class)
                .hasMessage(file + ": line 2: label column 5 does not exist; rows have 2 columns (0 to 1)");
    }

    @Test
    void aBadLabelIsNamedByLineAndColumn() throws IOException {
        Path file = csv("1,2\n3,4.5\n");
        assertThatThrownBy(() -> CsvData.read(file, 1, 0.5, SEED)).isInstanceOf(CsvFormatException.class)
                .hasMessage(file + ": line 2, column 1: label '4.5' is not a whole number");
    }

    @Test
    void aNegativeLabelColumnOtherThanNoLabelsIsRefused() throws IOException {
        Path file = csv("1,2\n3,4\n");
        assertThatThrownBy(() -> CsvData.read(file, -5, 0.5, SEED)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("the label column must be 0 or more, or NO_LABELS (-1) for none, got -5");
    }

    @Test
    void aLabelColumnThatIsTheOnlyColumnLeavesNoValues() throws IOException {
        Path file = csv("1\n3\n");
        assertThatThrownBy(() -> CsvData.read(file, 0, 0.5, SEED)).isInstanceOf(CsvFormatException.class)
                .hasMessage(file + ": line 1: the label column 0 is the only column; no values are left to learn from");
    }

    @Test
    void aValueBeyondSinglePrecisionIsRefused() throws IOException {
        Path file = csv("1,2\n1e39,4\n5,6\n");
        assertThatThrownBy(() -> CsvData.read(file, -1, 0.5, SEED)).isInstanceOf(CsvFormatException.class)
                .hasMessage(file + ": line 2, column 0: '1e39' is beyond single precision (at most 3.4028235E38 in magnitude)");
    }

    @Test
    void bytesThatAreNotUtf8AreNamedByLineAndColumn() throws IOException {
        Path file = Files.write(dir.resolve("data.csv"), new byte[] {'1', ',', '2', '\n', '3', ',', (byte) 0xff, '\n', '5', ',', '6'});
        assertThatThrownBy(() -> CsvData.read(file, -1, 0.5, SEED)).isInstanceOf(CsvFormatException.class)
                .hasMessage(file + ": line 2, column 1: holds bytes that are not UTF-8 text");
    }

    @Test
    void rowsBeyondTheMemoryBudgetAreRefusedAtTheLineThatCrossesIt() throws IOException {
        Path file = csv("1,2\n3,4\n5,6\n7,8\n");
        assertThatThrownBy(() -> CsvData.read(file, -1, 0.5, SEED, new MemoryBudget(24))).isInstanceOf(DataTooLargeException.class)
                .hasMessage(file + ": holds 4 rows of 2 cells by line 4; the data would need 32 bytes of memory as floats, "
                        + "more than the 24 bytes this JVM may use; give it more, e.g. VAE_JAVA_OPTS=-Xmx1g");
        assertThat(CsvData.read(file, -1, 0.5, SEED, new MemoryBudget(32)).train().size()).isEqualTo(2);
    }

    @Test
    @Timeout(value = 20, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    void aFifoIsRefusedWithoutOpeningIt() throws Exception {
        Path fifo = Fifo.make(dir.resolve("data.csv"));
        assertThatThrownBy(() -> CsvData.read(fifo, -1, 0.5, SEED)).isInstanceOf(FileTypeException.class)
                .hasMessage(fifo + ": is a FIFO, not a regular file");
    }

    @Test
    void aFolderIsRefused() throws IOException {
        Path folder = Files.createDirectory(dir.resolve("data.csv"));
        assertThatThrownBy(() -> CsvData.read(folder, -1, 0.5, SEED)).isInstanceOf(FileTypeException.class)
                .hasMessage(folder + ": is a folder, not a regular file");
    }
}
