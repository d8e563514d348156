package dev.vae.core.data;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The data rows of one CSV file as they are parsed: every row as wide as the first, each cell a
 * number within single precision, the label column inside the rows and holding whole numbers.
 */
final class CsvRows {
    /** What the decoder puts in place of bytes that are not UTF-8. */
    private static final char REPLACEMENT = '\uFFFD';

    private final Path file;
    private final int labelColumn;
    private final MemoryBudget memory;
    private final List<float[]> values = new ArrayList<>();
    private final List<Integer> labels = new ArrayList<>();
    private int width = -1;

    /**
     * @param labelColumn the 0-based column of labels, or {@link CsvData#NO_LABELS}
     * @param memory claimed row by row, before each row is kept
     */
    CsvRows(Path file, int labelColumn, MemoryBudget memory) {
        this.file = file;
        this.labelColumn = labelColumn;
        this.memory = memory;
    }

    /**
     * Parses and keeps one data row.
     *
     * @param line the line the row starts on
     * @param cells the row's cells, unquoted and trimmed
     */
    void add(long line, String[] cells) throws CsvFormatException, DataTooLargeException {
        if (width < 0) {
            width = cells.length;
            checkLabelColumn(line);
        } else if (cells.length != width) {
            throw new CsvFormatException(file, "line " + line + " has " + cells.length + " cells; earlier rows have " + width);
        }
        memory.claim(file, width, () -> "holds " + (values.size() + 1) + " rows of " + width + " cells by line " + line);
        values.add(parse(line, cells));
    }

    /** The rows kept, without their labels. */
    List<float[]> values() {
        return values;
    }

    /** One label per row, all 0 without a label column. */
    List<Integer> labels() {
        return labels;
    }

    int size() {
        return values.size();
    }

    private void checkLabelColumn(long line) throws CsvFormatException {
        if (labelColumn >= width) {
            throw new CsvFormatException(file, "line " + line + ": label column " + labelColumn + " does not exist; rows have "
                    + width + " columns (0 to " + (width - 1) + ")");
        }
        if (labelColumn >= 0 && width == 1) {
            throw new CsvFormatException(file, "line " + line + ": the label column " + labelColumn
                    + " is the only column; no values are left to learn from");
        }
    }

    private float[] parse(long line, String[] cells) throws CsvFormatException {
        float[] row = new float[labelColumn >= 0 ? cells.length - 1 : cells.length];
        int j = 0;
        for (int c = 0; c < cells.length; c++) {
            String cell = cells[c].trim();
            if (c == labelColumn) {
                labels.add(label(line, c, cell));
            } else {
                row[j++] = value(line, c, cell);
            }
        }
        if (labelColumn < 0) {
            labels.add(0);
        }
        return row;
    }

    private void checkText(long line, int column, String cell) throws CsvFormatException {
        if (cell.indexOf(REPLACEMENT) >= 0) {
            throw new CsvFormatException(file, "line " + line + ", column " + column + ": holds bytes that are not UTF-8 text");
        }
    }

    private int label(long line, int column, String cell) throws CsvFormatException {
        checkText(line, column, cell);
        try {
            return Integer.parseInt(cell);
        } catch (NumberFormatException e) {
            throw new CsvFormatException(file, "line " + line + ", column " + column + ": label '" + cell
                    + "' is not a whole number");
        }
    }

    private float value(long line, int column, String cell) throws CsvFormatException {
        checkText(line, column, cell);
        double value;
        try {
            value = Double.parseDouble(cell);
        } catch (NumberFormatException e) {
            throw new CsvFormatException(file, "line " + line + ", column " + column + ": '" + cell + "' is not a number");
        }
        if (!Double.isFinite(value)) {
            throw new CsvFormatException(file, "line " + line + ", column " + column + ": '" + cell + "' is not finite");
        }
        if (!Float.isFinite((float) value)) {
            throw new CsvFormatException(file, "line " + line + ", column " + column + ": '" + cell
                    + "' is beyond single precision (at most " + Float.MAX_VALUE + " in magnitude)");
        }
        return (float) value;
    }
}
