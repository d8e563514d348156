package dev.vae.app.ui;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A run's {@code history.csv} as columns of numbers, the shape chart libraries plot. The file grows
 * while the run trains, so a last line without its newline is one being written and is left out
 * ({@link CsvText}).
 */
final class HistoryTable {
    private final List<String> columns;
    private final List<double[]> rows;

    private HistoryTable(List<String> columns, List<double[]> rows) {
        this.columns = columns;
        this.rows = rows;
    }

    /** The table of {@code file}; none of a run that has not finished an epoch yet. */
    static HistoryTable read(Path file) throws IOException {
        if (!Files.isRegularFile(file)) {
            return new HistoryTable(List.of(), List.of());
        }
        CsvText csv = CsvText.read(file);
        List<double[]> rows = new ArrayList<>();
        for (int i = 0; i < csv.rows().size(); i++) {
            double[] row = new double[csv.header().size()];
            for (int j = 0; j < row.length; j++) {
                row[j] = csv.number(i, j);
            }
            rows.add(row);
        }
        return new HistoryTable(csv.header(), rows);
    }

    int epochs() {
        return rows.size();
    }

    /** Each column by name, its values in epoch order. */
    JsonObject columnsJson() {
        JsonObject json = new JsonObject();
        for (int j = 0; j < columns.size(); j++) {
            JsonArray values = new JsonArray();
            for (double[] row : rows) {
                values.add(Json.number(row[j]));
            }
            json.add(columns.get(j), values);
        }
        return json;
    }

    /** The last epoch's figures, and the best validation NELBO with its epoch; null before the first epoch ends. */
    JsonObject finalFigures() {
        if (rows.isEmpty()) {
            return null;
        }
        JsonObject json = new JsonObject();
        double[] last = rows.get(rows.size() - 1);
        for (int j = 0; j < columns.size(); j++) {
            json.add(columns.get(j), Json.number(last[j]));
        }
        int val = columns.indexOf("val_nelbo");
        int epoch = columns.indexOf("epoch");
        if (val >= 0 && epoch >= 0) {
            double[] best = rows.stream().min((a, b) -> Double.compare(a[val], b[val])).orElseThrow();
            json.add("best_val_nelbo", Json.number(best[val]));
            json.add("best_epoch", Json.number(best[epoch]));
        }
        return json;
    }
}
