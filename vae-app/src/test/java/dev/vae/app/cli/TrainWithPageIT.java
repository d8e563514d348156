package dev.vae.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code vae train --ui}: the run's page while it trains, kept up once it is complete until the process is stopped. */
class TrainWithPageIT {
    private static final Pattern PAGE = Pattern.compile("the run's page is (http://127\\.0\\.0\\.1:\\d+/)#run=tiny");
    private static final HttpClient CLIENT = HttpClient.newHttpClient();

    @TempDir
    Path dir;

    @Test
    void servesTheRunWhileItTrainsAndAfterUntilStopped() throws Exception {
        Path runs = Files.createDirectory(dir.resolve("runs"));
        Process train = new AppProcess(dir).start("train", Map.of(), "train", "--ui", "--epochs", "2", "--output",
                runs.resolve("tiny").toString());
        try {
            URI page = URI.create(awaitOutput(train, PAGE).group(1));
            assertThat(get(page.resolve("/")).statusCode()).isEqualTo(200);
            awaitOutput(train, Pattern.compile("the page stays at"));

            JsonObject run = JsonParser.parseString(get(page.resolve("/api/runs/tiny")).body()).getAsJsonObject();
            assertThat(run.get("status").getAsString()).isEqualTo("complete");
            assertThat(run.get("epochs").getAsInt()).isEqualTo(2);
            assertThat(run.getAsJsonObject("progress").get("state").getAsString()).isEqualTo("finished");
            assertThat(train.isAlive()).as("serving after training").isTrue();
        } finally {
            train.destroy();
        }
        assertThat(train.waitFor(20, TimeUnit.SECONDS)).as("stopped by SIGTERM").isTrue();
        assertThat(runs.resolve("tiny/model.vae")).isRegularFile();
    }

    /** The first match of {@code line} in the training's output, waiting up to two minutes for it. */
    private Matcher awaitOutput(Process train, Pattern line) throws Exception {
        long end = System.nanoTime() + TimeUnit.MINUTES.toNanos(2);
        while (System.nanoTime() < end) {
            Matcher found = line.matcher(Files.readString(dir.resolve("train.out"), StandardCharsets.UTF_8));
            if (found.find()) {
                return found;
            }
            if (!train.isAlive()) {
                throw new AssertionError("vae train --ui ended with " + train.exitValue() + ":\n"
                        + Files.readString(dir.resolve("train.err"), StandardCharsets.UTF_8));
            }
            Thread.sleep(100);
        }
        throw new AssertionError("no line matching " + line + " in:\n" + Files.readString(dir.resolve("train.out")));
    }

    private static HttpResponse<String> get(URI uri) throws Exception {
        return CLIENT.send(HttpRequest.newBuilder(uri).GET().build(), HttpResponse.BodyHandlers.ofString());
    }
}
