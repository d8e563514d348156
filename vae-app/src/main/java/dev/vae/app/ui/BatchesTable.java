package dev.vae.app.ui;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import dev.vae.app.run.BatchLog;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** A run's {@code batches.csv} from a step on: what a page that polls has not seen yet. */
final class BatchesTable {
    private static final String[] SHOWN = {"step", "epoch", "seconds", "loss"};

    private BatchesTable() {
    }

    /** {@code {"after":S,"last":S2,"step":[...],...}}: the lines with a step above {@code after}; none before the first step. */
    static JsonObject after(Path run, long after) throws IOException {
        JsonArray[] columns = new JsonArray[SHOWN.length];
        for (int j = 0; j < SHOWN.length; j++) {
            columns[j] = new JsonArray();
        }
        long last = after;
        Path file = run.resolve(BatchLog.FILE);
        if (Files.isRegularFile(file)) {
            CsvText csv = CsvText.read(file);
            int[] at = new int[SHOWN.length];
            for (int j = 0; j < SHOWN.length; j++) {
                at[j] = csv.column(SHOWN[j]);
            }
            for (int i = 0; i < csv.rows().size(); i++) {
                long step = (long) csv.number(i, at[0]);
                if (step <= after) {
                    continue;
                }
                last = step;
                for (int j = 0; j < SHOWN.length; j++) {
                    columns[j].add(Json.number(csv.number(i, at[j])));
                }
            }
        }
        JsonObject body = new JsonObject();
        body.addProperty("after", after);
        body.addProperty("last", last);
        for (int j = 0; j < SHOWN.length; j++) {
            body.add(SHOWN[j], columns[j]);
        }
        return body;
    }
}
