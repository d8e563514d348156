package dev.vae.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.vae.app.run.BatchLog;
import dev.vae.app.run.ProgressFile;
import dev.vae.app.run.RunFolder;
import dev.vae.app.run.RunSummary;
import dev.vae.core.TrainingRun;
import dev.vae.core.Vae;
import dev.vae.core.VaeConfig;
import dev.vae.core.data.DataSplit;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The live files of a run as it starts and as it fails. */
class LiveFilesTest {
    @TempDir
    Path dir;

    @Test
    void aRunThatStartsSaysSoAndOneThatFailsSaysWhyOnOneLine() throws IOException {
        DataSplit data = DataSplit.embedded();
        VaeConfig config = VaeConfig.builder().epochs(2).hiddenDims(List.of(8)).build();
        TrainingRun run = Vae.create().start(config, data.train().head(250), data.test().head(40));
        try (RunFolder folder = RunFolder.create(dir.resolve("run"), false, List.of())) {
            LiveFiles live = LiveFiles.open(folder, run, 2, data.train().head(250), data.test().head(40), true);
            JsonObject started = progress(folder);
            assertThat(started.get("state").getAsString()).isEqualTo("training");
            assertThat(started.get("epoch").getAsInt()).isEqualTo(1);
            assertThat(started.get("step").getAsLong()).isZero();
            assertThat(started.get("examples_per_epoch").getAsLong()).isEqualTo(250);
            assertThat(Files.readAllLines(folder.file(BatchLog.FILE))).containsExactly("step,epoch,examples,seconds,loss");
            assertThat(folder.file(RunSummary.FILE)).exists();

            live.close();
            live.failed(new IllegalStateException("the disk is full\n\tat somewhere"));
            JsonObject failed = progress(folder);
            assertThat(failed.get("state").getAsString()).isEqualTo("failed");
            assertThat(failed.get("error").getAsString()).isEqualTo("the disk is full");
        }
    }

    private static JsonObject progress(RunFolder folder) throws IOException {
        return JsonParser.parseString(Files.readString(folder.file(ProgressFile.FILE))).getAsJsonObject();
    }
}
