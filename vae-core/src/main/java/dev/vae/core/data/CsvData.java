package dev.vae.core.data;

import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.SplittableRandom;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Reads users' own data from CSV (RFC 4180, through Apache Commons CSV): one example per row,
 * comma-separated numbers, fields optionally in double quotes, lines ended by LF or CRLF, blank
 * lines skipped, an optional header row (detected when one of the first row's cells is not a
 * number), and optionally one column of integer labels. Values are taken as they are, in single
 * precision. The rows are split into a training and a test set at random, with a seed, so that a
 * file sorted by label is not validated on its last classes alone.
 */
public final class CsvData {
    /** The label column that means the file has no labels; every label is then 0. */
    public static final int NO_LABELS = -1;
    private static final int MINIMUM_ROWS = 2;
    /** Blank lines are kept as records, so that each record's first line can be counted. */
    private static final CSVFormat FORMAT = CSVFormat.RFC4180.builder().setIgnoreEmptyLines(false)
            .setIgnoreSurroundingSpaces(true).setTrim(true).get();

    private CsvData() {
    }

    /**
     * Reads a file and splits it at random into training rows and {@code testFraction} of the rows
     * for testing, each set in the file's order.
     *
     * @param labelColumn the 0-based column holding labels, or {@link #NO_LABELS}
     * @param seed chooses the test rows; one seed always chooses the same rows of the same file
     * @throws IllegalArgumentException if {@code labelColumn} is below {@link #NO_LABELS}
     * @throws java.nio.file.NoSuchFileException if the file is missing
     * @throws FileTypeException if it is not a regular file, such as a FIFO or a folder
     * @throws CsvFormatException for an empty file, text that is not UTF-8, a quote that is not
     *     closed, a non-numeric cell, a value beyond single precision, a ragged row, a label column
     *     outside the rows or a bad label
     * @throws DataTooLargeException if the rows need more memory than this JVM may use
     */
    public static DataSplit read(Path file, int labelColumn, double testFraction, long seed) throws IOException {
        return read(file, labelColumn, testFraction, seed, MemoryBudget.ofJvm());
    }

    static DataSplit read(Path file, int labelColumn, double testFraction, long seed, MemoryBudget memory)
            throws IOException {
        if (labelColumn < NO_LABELS) {
            throw new IllegalArgumentException("the label column must be 0 or more, or NO_LABELS (" + NO_LABELS
                    + ") for none, got " + labelColumn);
        }
        FileKind.requireRegularFile(file, "a CSV file");
        CsvRows rows = new CsvRows(file, labelColumn, memory);
        // Bytes that are not UTF-8 become U+FFFD, which the cell that holds them reports with its line and column.
        try (CSVParser parser = CSVParser.parse(new InputStreamReader(Files.newInputStream(file), StandardCharsets.UTF_8),
                FORMAT)) {
            readRecords(file, parser, rows);
        }
        if (rows.size() < MINIMUM_ROWS) {
            throw new CsvFormatException(file, "holds " + rows.size() + " data rows; expected at least " + MINIMUM_ROWS);
        }
        return split(rows, testFraction, seed, file);
    }

    private static void readRecords(Path file, CSVParser parser, CsvRows rows) throws IOException {
        Iterator<CSVRecord> records = parser.iterator();
        boolean first = true;
        while (true) {
            // The parser has read up to the end of the previous record: this one starts on the next line.
            long line = parser.getCurrentLineNumber() + 1;
            String[] cells;
            try {
                if (!records.hasNext()) {
                    return;
                }
                cells = records.next().values();
            } catch (UncheckedIOException e) {
                throw new CsvFormatException(file, "line " + line + ": " + parseProblem(e.getCause()));
            }
            if (isBlank(cells)) {
                continue;
            }
            boolean header = first && isHeader(cells);
            first = false;
            if (!header) {
                rows.add(line, cells);
            }
        }
    }

    /** What Commons CSV found wrong, without the position it prefixes, which the caller gives as a line. */
    private static String parseProblem(IOException e) {
        String message = String.valueOf(e.getMessage());
        return message.startsWith("(") && message.contains(") ") ? message.substring(message.indexOf(") ") + 2) : message;
    }

    private static boolean isBlank(String[] cells) {
        return cells.length == 1 && cells[0].isEmpty();
    }

    private static boolean isHeader(String[] cells) {
        for (String cell : cells) {
            try {
                Double.parseDouble(cell);
            } catch (NumberFormatException e) {
                return true;
            }
        }
        return false;
    }

    private static DataSplit split(CsvRows parsed, double testFraction, long seed, Path file) throws CsvFormatException {
        List<float[]> rows = parsed.values();
        List<Integer> labels = parsed.labels();
        int test = (int) Math.round(rows.size() * testFraction);
        if (test < 1 || test >= rows.size()) {
            throw new CsvFormatException(file, "a test fraction of " + testFraction + " of " + rows.size()
                    + " rows leaves no training or no test rows");
        }
        int[] order = permutation(rows.size(), seed);
        int[] testRows = Arrays.stream(order, 0, test).sorted().toArray();
        int[] trainRows = Arrays.stream(order, test, order.length).sorted().toArray();
        return new DataSplit(set(rows, labels, trainRows), set(rows, labels, testRows));
    }

    /**
     * A Fisher-Yates shuffle of 0 to n - 1. SplittableRandom, not the java.util.Random that shuffles
     * the batches from the same seed, so that the two orders are unrelated.
     */
    private static int[] permutation(int n, long seed) {
        int[] order = new int[n];
        Arrays.setAll(order, i -> i);
        SplittableRandom random = new SplittableRandom(seed);
        for (int i = n - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int swap = order[i];
            order[i] = order[j];
            order[j] = swap;
        }
        return order;
    }

    private static ImageSet set(List<float[]> rows, List<Integer> labels, int[] chosen) {
        INDArray x = Nd4j.createFromArray(Arrays.stream(chosen).mapToObj(rows::get).toArray(float[][]::new));
        return new ImageSet(x, Arrays.stream(chosen).map(labels::get).toArray(), 1, (int) x.columns());
    }
}
