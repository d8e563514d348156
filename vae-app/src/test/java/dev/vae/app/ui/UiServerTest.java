package dev.vae.app.ui;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.vae.app.run.RunFolder;
import dev.vae.app.run.RunHistory;
import dev.vae.core.EpochStats;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The page's endpoints over real HTTP: their JSON, what they refuse, and runs that change while served. */
class UiServerTest {
    private static final HttpClient CLIENT = HttpClient.newHttpClient();

    @TempDir
    Path dir;

    private Path runs;
    private UiServer server;

    @BeforeEach
    void start() throws IOException {
        runs = Files.createDirectory(dir.resolve("runs"));
        Files.writeString(dir.resolve("secret.txt"), "secret");
        server = UiServer.start(runs, "127.0.0.1", null);
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void listsACompleteRunWithItsConfigurationAndFinalFigures() throws Exception {
        try (RunFolder run = RunFolder.create(runs.resolve("a"), false, List.of("--epochs", "2"))) {
            Files.writeString(run.file("config.json"), "{\"config\": {\"latentDim\": [2]}}");
            RunHistory.rewrite(run, List.of(new EpochStats(1, 190.5, 191.25, 170.0, 1), new EpochStats(2, 160.5, 161.25, 171.5, 1)));
            run.commit();
        }

        JsonArray list = JsonParser.parseString(get("/api/runs").body()).getAsJsonArray();

        assertThat(list).hasSize(1);
        JsonObject run = list.get(0).getAsJsonObject();
        assertThat(run.get("id").getAsString()).isEqualTo("a");
        assertThat(run.get("status").getAsString()).isEqualTo("complete");
        assertThat(run.get("epochs").getAsInt()).isEqualTo(2);
        assertThat(run.getAsJsonObject("config").getAsJsonObject("config").get("latentDim").getAsJsonArray().get(0).getAsInt()).isEqualTo(2);
        JsonObject last = run.getAsJsonObject("final");
        assertThat(last.get("epoch").getAsInt()).isEqualTo(2);
        assertThat(last.get("val_nelbo").getAsDouble()).isEqualTo(171.5);
        assertThat(last.get("best_val_nelbo").getAsDouble()).isEqualTo(170.0);
        assertThat(last.get("best_epoch").getAsInt()).isEqualTo(1);
    }

    @Test
    void aRunStartedWhileServedAppearsTrainingAndItsHistoryGrows() throws Exception {
        assertThat(JsonParser.parseString(get("/api/runs").body()).getAsJsonArray()).isEmpty();
        try (RunFolder run = RunFolder.create(runs.resolve("live"), false, List.of("--epochs", "3"))) {
            RunHistory history = RunHistory.rewrite(run, List.of());
            history.append(new EpochStats(1, 200.0, 201.0, 180.25, 1));

            JsonObject listed = JsonParser.parseString(get("/api/runs").body()).getAsJsonArray().get(0).getAsJsonObject();
            assertThat(listed.get("id").getAsString()).isEqualTo(".live.partial");
            assertThat(listed.get("name").getAsString()).isEqualTo("live");
            assertThat(listed.get("status").getAsString()).isEqualTo("training");
            assertThat(columns(".live.partial").getAsJsonArray("val_nelbo")).hasSize(1);

            history.append(new EpochStats(2, 150.0, 151.0, 160.75, 1));
            JsonArray val = columns(".live.partial").getAsJsonArray("val_nelbo");
            assertThat(val.get(0).getAsDouble()).isEqualTo(180.25);
            assertThat(val.get(1).getAsDouble()).isEqualTo(160.75);
        }
        JsonObject stopped = JsonParser.parseString(get("/api/runs").body()).getAsJsonArray().get(0).getAsJsonObject();
        assertThat(stopped.get("status").getAsString()).isEqualTo("stopped");
    }

    @Test
    void aRunThatFailedAfterACheckpointSaysSo() throws Exception {
        try (RunFolder run = RunFolder.create(runs.resolve("broken"), false, List.of("--epochs", "3"))) {
            Files.writeString(run.file("progress.json"), "{\"epoch\":2,\"state\":\"failed\",\"error\":\"disk full\"}");
        }
        try (RunFolder run = RunFolder.create(runs.resolve("halted"), false, List.of("--epochs", "3"))) {
            Files.writeString(run.file("progress.json"), "{\"epoch\":2,\"state\":\"stopped\"}");
        }

        JsonObject broken = JsonParser.parseString(get("/api/runs/.broken.partial").body()).getAsJsonObject();
        assertThat(broken.get("status").getAsString()).isEqualTo("failed");
        assertThat(broken.getAsJsonObject("progress").get("error").getAsString()).isEqualTo("disk full");
        JsonObject halted = JsonParser.parseString(get("/api/runs/.halted.partial").body()).getAsJsonObject();
        assertThat(halted.get("status").getAsString()).isEqualTo("stopped");
    }

    @Test
    void aStagingIdFollowsItsRunOnceComplete() throws Exception {
        try (RunFolder run = RunFolder.create(runs.resolve("moved"), false, List.of("--epochs", "1"))) {
            RunHistory.rewrite(run, List.of()).append(new EpochStats(1, 200.0, 201.0, 180.25, 1));
            assertThat(get("/api/runs/.moved.partial").statusCode()).isEqualTo(200);
            run.commit();
        }

        HttpResponse<String> followed = get("/api/runs/.moved.partial");
        assertThat(followed.statusCode()).isEqualTo(200);
        JsonObject detail = JsonParser.parseString(followed.body()).getAsJsonObject();
        assertThat(detail.get("id").getAsString()).isEqualTo("moved");
        assertThat(detail.get("status").getAsString()).isEqualTo("complete");
        assertThat(columns(".moved.partial").getAsJsonArray("val_nelbo").get(0).getAsDouble()).isEqualTo(180.25);
        assertThat(get("/api/runs/.other.partial").statusCode()).isEqualTo(404);
    }

    @Test
    void aLineBeingWrittenIsLeftOut() throws Exception {
        Path run = runWithMarker("half");
        Files.writeString(run.resolve("history.csv"), "epoch,train_loss,train_nelbo,val_nelbo\n1,2,3,4\n2,5,6");

        assertThat(columns("half").getAsJsonArray("epoch")).hasSize(1);
    }

    @Test
    void aBadRunFolderIsAnErrorEntryBesideTheGoodOnes() throws Exception {
        Files.createDirectory(runs.resolve("junk"));
        Path garbled = runWithMarker("garbled");
        Files.writeString(garbled.resolve("history.csv"), "epoch,train_loss,train_nelbo,val_nelbo\n1,x,3,4\n");
        runWithMarker("good");

        JsonArray list = JsonParser.parseString(get("/api/runs").body()).getAsJsonArray();

        assertThat(list).hasSize(3);
        JsonObject garbledEntry = list.get(0).getAsJsonObject();
        assertThat(garbledEntry.get("status").getAsString()).isEqualTo("error");
        assertThat(garbledEntry.get("error").getAsString()).contains("line 2").contains("x, which is not a number");
        assertThat(list.get(1).getAsJsonObject().get("status").getAsString()).isEqualTo("complete");
        assertThat(list.get(2).getAsJsonObject().get("error").getAsString()).contains("it has no run.json");
    }

    @Test
    void pathsOutsideTheRunsFolderAreRefused() throws Exception {
        runWithMarker("good");
        for (String path : List.of("/api/runs/../history", "/api/runs/%2e%2e/history", "/api/runs/..%2F..%2Fsecret.txt/history",
                "/api/runs/%2Ftmp/history", "/api/runs/good%2F..%2F..%2Fsecret.txt/history")) {
            HttpResponse<String> response = get(path);
            assertThat(response.statusCode()).as(path).isEqualTo(400);
            assertThat(response.body()).doesNotContain("secret");
        }
        Files.createSymbolicLink(runs.resolve("link"), dir);
        assertThat(get("/api/runs/link/history").statusCode()).isEqualTo(404);
        assertThat(get("/api/runs/nothing/history").statusCode()).isEqualTo(404);
        assertThat(get("/secret.txt").statusCode()).isEqualTo(404);
        assertThat(get("/api/runs/good/history").statusCode()).isEqualTo(200);
    }

    @Test
    void onlyGetIsAnswered() throws Exception {
        HttpRequest post = HttpRequest.newBuilder(server.uri().resolve("/api/runs")).POST(HttpRequest.BodyPublishers.ofString("x")).build();
        HttpResponse<String> response = CLIENT.send(post, HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).isEqualTo(405);
        assertThat(response.headers().firstValue("Allow")).hasValue("GET");
    }

    @Test
    void servesThePageOnTheLoopbackAddressAndTakesTheNextPortWhenOneIsBusy() throws Exception {
        assertThat(server.uri().getHost()).isEqualTo("127.0.0.1");
        assertThat(server.uri().getPort()).isBetween(UiServer.DEFAULT_PORT, UiServer.DEFAULT_PORT + 19);
        HttpResponse<String> page = get("/");
        assertThat(page.headers().firstValue("Content-Type")).hasValue("text/html; charset=utf-8");
        assertThat(page.body()).contains("<script src=\"app.js\"></script>");
        HttpResponse<String> script = get("/app.js");
        assertThat(script.headers().firstValue("Content-Type")).hasValueSatisfying(type -> assertThat(type).contains("javascript"));
        assertThat(script.body()).contains("api/runs");
        try (UiServer second = UiServer.start(runs, "127.0.0.1", null)) {
            assertThat(second.uri().getPort()).isGreaterThan(server.uri().getPort());
        }
    }

    private Path runWithMarker(String name) throws IOException {
        try (RunFolder run = RunFolder.create(runs.resolve(name), false, List.of())) {
            run.commit();
        }
        return runs.resolve(name);
    }

    private JsonObject columns(String id) throws Exception {
        HttpResponse<String> response = get("/api/runs/" + id + "/history");
        assertThat(response.statusCode()).isEqualTo(200);
        return JsonParser.parseString(response.body()).getAsJsonObject().getAsJsonObject("columns");
    }

    private HttpResponse<String> get(String rawPath) throws Exception {
        URI base = server.uri();
        URI uri = URI.create("http://" + base.getHost() + ":" + base.getPort() + rawPath);
        return CLIENT.send(HttpRequest.newBuilder(uri).GET().build(), HttpResponse.BodyHandlers.ofString());
    }
}
