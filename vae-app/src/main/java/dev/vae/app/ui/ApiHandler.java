package dev.vae.app.ui;

import com.google.gson.JsonObject;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * {@code GET /api/runs}: every run of the folder; {@code GET /api/runs/ID/history}: a run's history
 * by column. The path is split on its raw slashes and each segment decoded apart, so that an encoded
 * {@code %2F} or {@code ..} stays one segment, which names no run.
 */
final class ApiHandler implements HttpHandler {
    private final RunsFolder runs;

    ApiHandler(RunsFolder runs) {
        this.runs = runs;
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        List<String> segments = segments(exchange.getRequestURI().getRawPath());
        if (segments == null) {
            Responses.text(exchange, 400, "malformed path");
        } else if (segments.equals(List.of("api", "runs"))) {
            Responses.json(exchange, 200, runs.list());
        } else if (segments.size() == 4 && segments.subList(0, 2).equals(List.of("api", "runs")) && segments.get(3).equals("history")) {
            history(exchange, segments.get(2));
        } else {
            Responses.text(exchange, 404, "no such endpoint");
        }
    }

    private void history(HttpExchange exchange, String id) throws IOException {
        if (!RunsFolder.isPlainName(id)) {
            Responses.text(exchange, 400, "a run is named by its folder's name alone");
            return;
        }
        Optional<Path> folder = runs.run(id);
        if (folder.isEmpty()) {
            Responses.text(exchange, 404, "no run " + id);
            return;
        }
        JsonObject body = new JsonObject();
        body.addProperty("id", id);
        try {
            HistoryTable table = HistoryTable.read(folder.get().resolve("history.csv"));
            body.addProperty("epochs", table.epochs());
            body.add("columns", table.columnsJson());
        } catch (IOException e) {
            body.addProperty("error", e.getMessage());
        }
        Responses.json(exchange, 200, body);
    }

    /** The decoded segments of a raw path, or null if one does not decode. */
    private static List<String> segments(String rawPath) {
        try {
            return Arrays.stream(rawPath.split("/")).filter(s -> !s.isEmpty())
                    .map(s -> URLDecoder.decode(s.replace("+", "%2B"), StandardCharsets.UTF_8)).toList();
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
