package dev.vae.app.ui;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

/**
 * The complete lines of a CSV file that a run may still be appending to: a last line without its
 * newline is being written and is left out.
 *
 * @param header the first line's column names
 * @param rows the cells of each later complete line
 */
record CsvText(Path file, List<String> header, List<String[]> rows) {
    static CsvText read(Path file) throws IOException {
        String[] lines = Files.readString(file, StandardCharsets.UTF_8).split("\n", -1);
        if (lines.length < 2) {
            throw new IOException(file + " has no header line");
        }
        List<String> header = List.of(lines[0].strip().split(",", -1));
        List<String[]> rows = Arrays.stream(lines, 1, lines.length - 1).map(l -> l.strip().split(",", -1)).toList();
        for (int i = 0; i < rows.size(); i++) {
            if (rows.get(i).length != header.size()) {
                throw new IOException(file + " line " + (i + 2) + " has " + rows.get(i).length + " values; expected "
                        + header.size());
            }
        }
        return new CsvText(file, header, rows);
    }

    /** The position of a column the file must have. */
    int column(String name) throws IOException {
        int column = header.indexOf(name);
        if (column < 0) {
            throw new IOException(file + " has no column " + name);
        }
        return column;
    }

    /** Cell {@code column} of row {@code row} as a number; NaN and infinities as Java writes them. */
    double number(int row, int column) throws IOException {
        String cell = rows.get(row)[column];
        try {
            return Double.parseDouble(cell);
        } catch (NumberFormatException e) {
            throw new IOException(file + " line " + (row + 2) + " holds " + cell + ", which is not a number");
        }
    }
}
