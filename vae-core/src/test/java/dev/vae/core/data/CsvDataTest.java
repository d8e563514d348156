package dev.vae.core.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CsvDataTest {
    @TempDir
    Path dir;

    private Path csv(String content) throws IOException {
        return Files.writeString(dir.resolve("data.csv"), content);
    }

    @Test
    void readsRowsWithAHeaderAndALabelColumnAndHoldsOutTheLastRows() throws IOException {
        Path file = csv("a,b,label,c\n0.1,0.2,3,0.3\n0.4,0.5,1,0.6\n0.7,0.8,2,0.9\n1.0,0.0,0,0.5\n");
        DataSplit data = CsvData.read(file, 2, 0.25);

        assertThat(data.train().size()).isEqualTo(3);
        assertThat(data.test().size()).isEqualTo(1);
        assertThat(data.train().dimension()).isEqualTo(3);
        assertThat(data.train().labels()).containsExactly(3, 1, 2);
        assertThat(data.test().images().getDouble(0, 0)).isCloseTo(1.0, within(1e-7));
        assertThat(data.test().images().getDouble(0, 2)).isCloseTo(0.5, within(1e-7));
    }

    @Test
    void standardizingUsesTheTrainingStatistics() throws IOException {
        DataSplit data = CsvData.standardize(CsvData.read(csv("1,10\n3,10\n5,10\n7,10\n"), -1, 0.25));

        assertThat(data.train().images().getColumn(0).meanNumber().doubleValue()).isCloseTo(0, within(1e-6));
        assertThat(data.train().images().getColumn(0).stdNumber().doubleValue()).isCloseTo(1, within(1e-6));
        assertThat(data.train().images().getColumn(1).maxNumber().doubleValue()).isEqualTo(0.0);
        assertThat(data.test().images().getDouble(0, 0)).isCloseTo((7 - 3) / 2.0, within(1e-6));
    }

    @Test
    void aNonNumericCellIsNamedByLineAndColumn() throws IOException {
        assertThatThrownBy(() -> CsvData.read(csv("1,2\n3,x\n5,6\n"), -1, 0.2))
                .isInstanceOf(CsvFormatException.class).hasMessageEndingWith("line 2, column 1: 'x' is not a number");
    }

    @Test
    void aRaggedRowIsRejected() throws IOException {
        assertThatThrownBy(() -> CsvData.read(csv("1,2\n3,4,5\n5,6\n"), -1, 0.2))
                .isInstanceOf(CsvFormatException.class).hasMessageEndingWith("line 2 has 3 cells; earlier rows have 2");
    }

    @Test
    void anEmptyFileIsRejected() throws IOException {
        assertThatThrownBy(() -> CsvData.read(csv(""), -1, 0.2))
                .isInstanceOf(CsvFormatException.class).hasMessageEndingWith("holds 0 data rows; expected at least 2");
    }

    @Test
    void aMissingLabelColumnOrABadLabelIsRejected() throws IOException {
        assertThatThrownBy(() -> CsvData.read(csv("1,2\n3,4\n"), 5, 0.5)).hasMessageContaining("label column 5 does not exist");
        assertThatThrownBy(() -> CsvData.read(csv("1,2\n3,4.5\n"), 1, 0.5)).hasMessageContaining("label '4.5' is not a whole number");
    }
}
