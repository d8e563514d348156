package dev.vae.app.run;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.OptionalDouble;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Where a run stands, as a page reads it: each state's fields, nulls while warming up, one write a second. */
class ProgressFileTest {
    @TempDir
    Path dir;

    @Test
    void aWarmingUpRunHasNoRateNorTimeLeft() throws IOException {
        try (RunFolder folder = RunFolder.create(dir.resolve("run"), false, List.of())) {
            ProgressFile progress = new ProgressFile(folder, 5, 8000);
            progress.betweenSteps(2, 3, 100, 83);
            progress.write(ProgressFile.State.TRAINING, null);

            JsonObject json = read(folder);
            assertThat(json.keySet()).containsExactly("epoch", "epochs", "examples_done", "examples_per_epoch", "step",
                    "examples_per_second", "eta_seconds", "state", "updated");
            assertThat(json.get("epoch").getAsInt()).isEqualTo(2);
            assertThat(json.get("epochs").getAsInt()).isEqualTo(5);
            assertThat(json.get("examples_done").getAsLong()).isEqualTo(300);
            assertThat(json.get("step").getAsLong()).isEqualTo(83);
            assertThat(json.get("examples_per_second").isJsonNull()).isTrue();
            assertThat(json.get("eta_seconds").isJsonNull()).isTrue();
            assertThat(json.get("state").getAsString()).isEqualTo("training");

            progress.betweenSteps(6, 0, 100, 400);
            progress.write(ProgressFile.State.FINISHED, null);
            JsonObject finished = read(folder);
            assertThat(finished.get("epoch").getAsInt()).isEqualTo(5);
            assertThat(finished.get("examples_done").getAsLong()).isZero();
            assertThat(finished.get("eta_seconds").getAsDouble()).isZero();
        }
    }

    @Test
    void theEstimateIsWrittenAtMostOnceASecond() throws IOException {
        try (RunFolder folder = RunFolder.create(dir.resolve("run"), false, List.of())) {
            ProgressFile progress = new ProgressFile(folder, 5, 8000);
            progress.estimate(OptionalDouble.of(2500.5), OptionalDouble.of(12.25));
            progress.writeIfDue();
            progress.position(1, 200, 8000, 2);
            progress.writeIfDue();

            JsonObject json = read(folder);
            assertThat(json.get("examples_per_second").getAsDouble()).isEqualTo(2500.5);
            assertThat(json.get("eta_seconds").getAsDouble()).isEqualTo(12.25);
            assertThat(json.get("step").getAsLong()).as("the second write came too soon").isZero();
        }
    }

    @Test
    void aFailedRunSaysWhyOnOneLineAndAStoppedOneHasNoTimeLeft() throws IOException {
        try (RunFolder folder = RunFolder.create(dir.resolve("run"), false, List.of())) {
            ProgressFile progress = new ProgressFile(folder, 5, 8000);
            progress.estimate(OptionalDouble.of(Double.POSITIVE_INFINITY), OptionalDouble.of(3));
            progress.write(ProgressFile.State.FAILED, "training diverged in epoch 3\nat step 7");
            JsonObject failed = read(folder);
            assertThat(failed.get("state").getAsString()).isEqualTo("failed");
            assertThat(failed.get("error").getAsString()).isEqualTo("training diverged in epoch 3");
            assertThat(failed.get("examples_per_second").isJsonNull()).isTrue();

            progress.write(ProgressFile.State.STOPPED, null);
            JsonObject stopped = read(folder);
            assertThat(stopped.get("state").getAsString()).isEqualTo("stopped");
            assertThat(stopped.has("error")).isFalse();
            assertThat(stopped.get("eta_seconds").isJsonNull()).isTrue();
        }
    }

    private static JsonObject read(RunFolder folder) throws IOException {
        return JsonParser.parseString(Files.readString(folder.file(ProgressFile.FILE))).getAsJsonObject();
    }
}
