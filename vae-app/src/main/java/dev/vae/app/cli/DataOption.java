package dev.vae.app.cli;

import dev.vae.core.data.CsvData;
import dev.vae.core.data.DataSplit;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import picocli.CommandLine.Option;

/**
 * Where the data come from: a folder of MNIST-layout IDX files, a CSV file, or the embedded digits.
 */
final class DataOption {

    @Option(names = "--data", paramLabel = "PATH",
            description = "A folder with train-images-idx3-ubyte[.gz], train-labels-idx1-ubyte[.gz], "
                    + "t10k-images-idx3-ubyte[.gz] and t10k-labels-idx1-ubyte[.gz] (any image size), or a .csv file "
                    + "with one example per row. Default: the embedded 10,000 MNIST digits.")
    Path path;

    @Option(names = "--label-column", paramLabel = "N",
            description = "CSV only: the 0-based column holding integer labels (default: none).")
    Integer labelColumn;

    @Option(names = "--test-fraction", defaultValue = "0.2", paramLabel = "F",
            description = "CSV only: the fraction of rows held out for validation, chosen at random with the run's seed "
                    + "(default: ${DEFAULT-VALUE}).")
    double testFraction;

    @Option(names = "--standardize",
            description = "Train on each value rescaled to zero mean and unit variance with the training statistics, "
                    + "for a Gaussian likelihood; the model keeps them, applies them to what it reads and undoes them on "
                    + "what it draws.")
    boolean standardize;

    /** @param seed chooses a CSV file's validation rows: the run's seed */
    DataSplit load(long seed) throws IOException {
        if (!(testFraction > 0 && testFraction < 1)) {
            throw new UserError("--test-fraction must be a number in (0, 1), got " + testFraction);
        }
        if (labelColumn != null && labelColumn < 0) {
            throw new UserError("--label-column must be 0 or more, got " + labelColumn);
        }
        return read(seed);
    }

    /** Whether the examples come with labels: digits do, rows of a CSV file only with --label-column. */
    boolean labelled() {
        return !isCsv() || labelColumn != null;
    }

    private boolean isCsv() {
        return path != null && path.getFileName() != null
                && path.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".csv");
    }

    private DataSplit read(long seed) throws IOException {
        boolean csv = isCsv();
        if (labelColumn != null && !csv) {
            throw new UserError("--label-column applies to a .csv file only, not to "
                    + (path == null ? "the embedded digits" : path + " (read as a folder of IDX files)"));
        }
        if (csv) {
            return CsvData.read(path, labelColumn == null ? CsvData.NO_LABELS : labelColumn, testFraction, seed);
        }
        if (path == null) {
            return DataSplit.embedded();
        }
        if (Files.isRegularFile(path)) {
            throw new UserError(path + " is a file; expected a folder of IDX files or a .csv file");
        }
        return DataSplit.read(path);
    }

    /**
     * The column of the values read from a CSV file that is column {@code column} of the file: the
     * label column is not among the values.
     *
     * @param values the values of each row read
     * @throws UserError for the label column itself, or a column beyond the rows
     */
    int valueColumn(int column, int values) {
        int columns = values + (labelColumn == null ? 0 : 1);
        if (column >= columns) {
            throw new UserError("--condition names column " + column + ", but the rows have " + columns + " columns (0 to "
                    + (columns - 1) + ")");
        }
        if (labelColumn == null || column < labelColumn) {
            return column;
        }
        if (column == labelColumn) {
            throw new UserError("column " + column + " is the label column; condition on the labels with --condition labels");
        }
        return column - 1;
    }

    String describe() {
        return (path == null ? "embedded mnist-10k" : path.toString()) + (standardize ? ", standardized" : "");
    }
}
