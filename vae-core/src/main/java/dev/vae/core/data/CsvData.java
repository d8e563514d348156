package dev.vae.core.data;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Reads users' own data from CSV: one example per row, comma-separated numbers, an optional header
 * row (detected when its first cell is not a number), and optionally one column of integer labels.
 * Values are taken as they are, in single precision; {@link #standardize} rescales them for a
 * Gaussian likelihood.
 */
public final class CsvData {
    /** The label column that means the file has no labels; every label is then 0. */
    public static final int NO_LABELS = -1;
    private static final int MINIMUM_ROWS = 2;

    private CsvData() {
    }

    /**
     * Reads a file and splits it into training rows and the last {@code testFraction} of rows for testing.
     *
     * @param labelColumn the 0-based column holding labels, or {@link #NO_LABELS}
     * @throws IllegalArgumentException if {@code labelColumn} is below {@link #NO_LABELS}
     * @throws java.nio.file.NoSuchFileException if the file is missing
     * @throws FileTypeException if it is not a regular file, such as a FIFO or a folder
     * @throws CsvFormatException for an empty file, text that is not UTF-8, a non-numeric cell, a
     *     value beyond single precision, a ragged row, a label column outside the rows or a bad label
     * @throws DataTooLargeException if the rows need more memory than this JVM may use
     */
    public static DataSplit read(Path file, int labelColumn, double testFraction) throws IOException {
        return read(file, labelColumn, testFraction, MemoryBudget.ofJvm());
    }

    static DataSplit read(Path file, int labelColumn, double testFraction, MemoryBudget memory) throws IOException {
        if (labelColumn < NO_LABELS) {
            throw new IllegalArgumentException("the label column must be 0 or more, or NO_LABELS (" + NO_LABELS
                    + ") for none, got " + labelColumn);
        }
        FileKind.requireRegularFile(file, "a CSV file");
        CsvRows rows = new CsvRows(file, labelColumn, memory);
        // Bytes that are not UTF-8 become U+FFFD, which the cell that holds them reports with its line and column.
        try (BufferedReader in = new BufferedReader(new InputStreamReader(Files.newInputStream(file), StandardCharsets.UTF_8))) {
            int number = 0;
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                number++;
                if (!line.isBlank() && !(number == 1 && isHeader(line))) {
                    rows.add(number, line);
                }
            }
        }
        if (rows.size() < MINIMUM_ROWS) {
            throw new CsvFormatException(file, "holds " + rows.size() + " data rows; expected at least " + MINIMUM_ROWS);
        }
        return split(rows, testFraction, file);
    }

    private static boolean isHeader(String line) {
        String first = line.split(",", -1)[0].trim();
        try {
            Double.parseDouble(first);
            return false;
        } catch (NumberFormatException e) {
            return true;
        }
    }

    private static DataSplit split(CsvRows parsed, double testFraction, Path file) throws CsvFormatException {
        List<float[]> rows = parsed.values();
        List<Integer> labels = parsed.labels();
        int test = (int) Math.round(rows.size() * testFraction);
        if (test < 1 || test >= rows.size()) {
            throw new CsvFormatException(file, "a test fraction of " + testFraction + " of " + rows.size()
                    + " rows leaves no training or no test rows");
        }
        int train = rows.size() - test;
        return new DataSplit(set(rows.subList(0, train), labels.subList(0, train)),
                set(rows.subList(train, rows.size()), labels.subList(train, rows.size())));
    }

    private static ImageSet set(List<float[]> rows, List<Integer> labels) {
        INDArray x = Nd4j.createFromArray(rows.toArray(float[][]::new));
        return new ImageSet(x, labels.stream().mapToInt(Integer::intValue).toArray(), 1, (int) x.columns());
    }

    /**
     * Rescales every column to zero mean and unit variance, with the training set's statistics
     * applied to both sets; a constant column is only centred.
     */
    public static DataSplit standardize(DataSplit data) {
        INDArray mean = data.train().images().mean(0);
        INDArray std = data.train().images().std(0);
        std.replaceWhere(Nd4j.onesLike(std), new org.nd4j.linalg.indexing.conditions.EqualsCondition(0));
        return new DataSplit(rescaled(data.train(), mean, std), rescaled(data.test(), mean, std));
    }

    private static ImageSet rescaled(ImageSet set, INDArray mean, INDArray std) {
        INDArray x = set.images().subRowVector(mean).diviRowVector(std);
        return new ImageSet(x, set.labels(), set.rows(), set.cols());
    }
}
