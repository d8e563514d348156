package dev.vae.core.data;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Reads users' own data from CSV: one example per row, comma-separated numbers, an optional header
 * row (detected when its first cell is not a number), and optionally one column of integer labels.
 * Values are taken as they are; {@link #standardize} rescales them for a Gaussian likelihood.
 */
public final class CsvData {

    private CsvData() {
    }

    /**
     * Reads a file and splits it into training rows and the last {@code testFraction} of rows for testing.
     *
     * @param labelColumn the 0-based column holding labels, or -1 for none (labels are then all 0)
     * @throws CsvFormatException for an empty file, a non-numeric cell, a ragged row or a bad label
     */
    public static DataSplit read(Path file, int labelColumn, double testFraction) throws IOException {
        if (!Files.isRegularFile(file)) {
            throw new NoSuchFileException(file + " (expected a CSV file)");
        }
        List<double[]> rows = new ArrayList<>();
        List<Integer> labels = new ArrayList<>();
        int width = -1;
        try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            String line;
            int number = 0;
            while ((line = in.readLine()) != null) {
                number++;
                if (line.isBlank() || (number == 1 && isHeader(line))) {
                    continue;
                }
                String[] cells = line.split(",", -1);
                if (width < 0) {
                    width = cells.length;
                    if (labelColumn >= width) {
                        throw new CsvFormatException(file, "label column " + labelColumn + " does not exist; rows have "
                                + width + " columns (0 to " + (width - 1) + ")");
                    }
                } else if (cells.length != width) {
                    throw new CsvFormatException(file, "line " + number + " has " + cells.length + " cells; earlier rows have "
                            + width);
                }
                rows.add(values(file, number, cells, labelColumn, labels));
            }
        }
        int minimum = 2;
        if (rows.size() < minimum) {
            throw new CsvFormatException(file, "holds " + rows.size() + " data rows; expected at least " + minimum);
        }
        return split(rows, labels, testFraction, file);
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

    private static double[] values(Path file, int line, String[] cells, int labelColumn, List<Integer> labels)
            throws CsvFormatException {
        double[] row = new double[labelColumn >= 0 ? cells.length - 1 : cells.length];
        int j = 0;
        for (int c = 0; c < cells.length; c++) {
            String cell = cells[c].trim();
            if (c == labelColumn) {
                try {
                    labels.add(Integer.parseInt(cell));
                } catch (NumberFormatException e) {
                    throw new CsvFormatException(file, "line " + line + ", column " + c + ": label '" + cell
                            + "' is not a whole number");
                }
                continue;
            }
            try {
                row[j] = Double.parseDouble(cell);
            } catch (NumberFormatException e) {
                throw new CsvFormatException(file, "line " + line + ", column " + c + ": '" + cell + "' is not a number");
            }
            if (!Double.isFinite(row[j])) {
                throw new CsvFormatException(file, "line " + line + ", column " + c + ": '" + cell + "' is not finite");
            }
            j++;
        }
        if (labelColumn < 0) {
            labels.add(0);
        }
        return row;
    }

    private static DataSplit split(List<double[]> rows, List<Integer> labels, double testFraction, Path file)
            throws CsvFormatException {
        int test = (int) Math.round(rows.size() * testFraction);
        if (test < 1 || test >= rows.size()) {
            throw new CsvFormatException(file, "a test fraction of " + testFraction + " of " + rows.size()
                    + " rows leaves no training or no test rows");
        }
        int train = rows.size() - test;
        return new DataSplit(set(rows.subList(0, train), labels.subList(0, train)),
                set(rows.subList(train, rows.size()), labels.subList(train, rows.size())));
    }

    private static ImageSet set(List<double[]> rows, List<Integer> labels) {
        INDArray x = Nd4j.createFromArray(rows.toArray(double[][]::new)).castTo(DataType.FLOAT);
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
