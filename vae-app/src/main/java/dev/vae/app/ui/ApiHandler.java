package dev.vae.app.ui;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.OptionalInt;

/**
 * {@code GET /api/runs} and the endpoints of one run, {@code /api/runs/ID[/...]}. The path is split
 * on its raw slashes and each segment decoded apart, so that an encoded {@code %2F} or {@code ..}
 * stays one segment, which names no run. A bad request is answered 400, something missing 404 and a
 * run that cannot be read 500, each as {@code {"error": "..."}}; no failure of one run stops the server.
 */
final class ApiHandler implements HttpHandler {
    private final RunsFolder runs;
    private final RunSources sources = new RunSources();

    ApiHandler(RunsFolder runs) {
        this.runs = runs;
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        Responses.send(exchange, reply(exchange.getRequestURI().getRawPath(), Query.parse(exchange.getRequestURI().getRawQuery())));
    }

    private Reply reply(String rawPath, Query query) {
        try {
            return route(rawPath, query);
        } catch (ApiError e) {
            return Reply.error(e.status(), e.getMessage());
        } catch (IllegalArgumentException e) {
            return Reply.error(400, e.getMessage());
        } catch (IOException | RuntimeException e) {
            return Reply.error(500, e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage());
        }
    }

    private Reply route(String rawPath, Query query) throws IOException {
        List<String> segments = segments(rawPath);
        if (segments.size() < 2 || !segments.subList(0, 2).equals(List.of("api", "runs")) || segments.size() > 4) {
            throw ApiError.notFound("no such endpoint");
        }
        if (segments.size() == 2) {
            return Reply.json(runs.list());
        }
        Path run = run(segments.get(2));
        if (segments.size() == 3) {
            return Reply.json(detail(run));
        }
        return switch (segments.get(3)) {
            case "history" -> Reply.json(history(run));
            case "batches" -> Reply.json(BatchesTable.after(run, query.integer("after", 0).orElse(0)));
            case "latent" -> latent(run, query.integer("epoch", 1));
            case "manifold.png" -> new Reply(200, "image/png",
                    Files.readAllBytes(EpochFiles.MANIFOLD.file(run, query.integer("epoch", 1))));
            case "decode" -> Reply.json(ModelQueries.decode(sources.model(run), query));
            case "reconstruct" -> Reply.json(ModelQueries.reconstruct(sources.model(run), sources.validation(run), query));
            default -> throw ApiError.notFound("no such endpoint");
        };
    }

    private Path run(String id) {
        if (!RunsFolder.isPlainName(id)) {
            throw new IllegalArgumentException("a run is named by its folder's name alone");
        }
        return runs.run(id).orElseThrow(() -> ApiError.notFound("no run " + id));
    }

    /** The list's entry, with the epochs that have latent codes and manifold pictures, and the model decode uses. */
    private JsonObject detail(Path run) throws IOException {
        JsonObject body = runs.entry(run);
        if (body.has("error")) {
            throw ApiError.unreadable(body.get("error").getAsString());
        }
        body.add("latent_epochs", epochs(EpochFiles.LATENT, run));
        body.add("manifold_epochs", epochs(EpochFiles.MANIFOLD, run));
        body.add("model", model(run));
        return body;
    }

    private static JsonArray epochs(EpochFiles files, Path run) throws IOException {
        JsonArray epochs = new JsonArray();
        files.epochs(run).forEach(epochs::add);
        return epochs;
    }

    /** {@code {"file":..., "epoch":E}}, null before the first checkpoint; a model that does not load has its error instead of an epoch. */
    private JsonObject model(Path run) throws IOException {
        if (RunSources.modelFile(run).isEmpty()) {
            return null;
        }
        JsonObject model = new JsonObject();
        try {
            RunModel loaded = sources.model(run);
            model.addProperty("file", loaded.file());
            model.addProperty("epoch", loaded.epoch());
        } catch (IOException | RuntimeException e) {
            model.addProperty("file", RunSources.modelFile(run).map(f -> f.getFileName().toString()).orElse(null));
            model.add("epoch", null);
            model.addProperty("error", String.valueOf(e.getMessage()));
        }
        return model;
    }

    private static JsonObject history(Path run) {
        JsonObject body = new JsonObject();
        body.addProperty("id", run.getFileName().toString());
        try {
            HistoryTable table = HistoryTable.read(run.resolve("history.csv"));
            body.addProperty("epochs", table.epochs());
            body.add("columns", table.columnsJson());
        } catch (IOException e) {
            body.addProperty("error", e.getMessage());
        }
        return body;
    }

    private static Reply latent(Path run, OptionalInt epoch) throws IOException {
        Path file = EpochFiles.LATENT.file(run, epoch);
        return Reply.json(LatentTable.read(file, EpochFiles.LATENT.epoch(file)));
    }

    /** The decoded segments of a raw path. */
    private static List<String> segments(String rawPath) {
        try {
            return Arrays.stream(rawPath.split("/")).filter(s -> !s.isEmpty())
                    .map(s -> URLDecoder.decode(s.replace("+", "%2B"), StandardCharsets.UTF_8)).toList();
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("malformed path");
        }
    }
}
