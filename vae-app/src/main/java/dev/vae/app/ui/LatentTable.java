package dev.vae.app.ui;

import com.google.gson.JsonArray;
import com.google.gson.JsonNull;
import com.google.gson.JsonObject;
import java.io.IOException;
import java.nio.file.Path;

/** An {@code epochs/latent-EEEE.csv} ({@code index,label,z1,...,zd}) as the page plots it. */
final class LatentTable {
    private LatentTable() {
    }

    /** {@code {"epoch":E,"dims":d,"index":[...],"label":[... or null],"z":[[z1..zd],...]}}. */
    static JsonObject read(Path file, int epoch) throws IOException {
        CsvText csv = CsvText.read(file);
        int index = csv.column("index");
        int label = csv.column("label");
        int first = csv.column("z1");
        int dims = csv.header().size() - first;
        JsonArray indices = new JsonArray();
        JsonArray labels = new JsonArray();
        JsonArray codes = new JsonArray();
        for (int i = 0; i < csv.rows().size(); i++) {
            indices.add(Json.number(csv.number(i, index)));
            labels.add(csv.rows().get(i)[label].isEmpty() ? JsonNull.INSTANCE : Json.number(csv.number(i, label)));
            JsonArray z = new JsonArray();
            for (int j = first; j < first + dims; j++) {
                z.add(Json.number(csv.number(i, j)));
            }
            codes.add(z);
        }
        JsonObject body = new JsonObject();
        body.addProperty("epoch", epoch);
        body.addProperty("dims", dims);
        body.add("index", indices);
        body.add("label", labels);
        body.add("z", codes);
        return body;
    }
}
