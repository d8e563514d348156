package dev.vae.app.cli;

import static dev.vae.app.cli.CliTest.run;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/** What the commands print: --quiet, bench's first line, evaluate's one scale. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class OutputTest {
    private Path run;
    private CliTest.Result quietTraining;

    @BeforeAll
    void train(@TempDir Path dir) {
        run = dir.resolve("run");
        quietTraining = run("train", "--quiet", "--epochs", "2", "--hidden-dims", "32", "--output", run.toString());
        assertThat(quietTraining.code()).as(quietTraining.err()).isZero();
    }

    @Test
    void quietTrainingPrintsOnlyItsResult() {
        assertThat(quietTraining.out().lines()).hasSize(2);
        assertThat(quietTraining.out()).startsWith("final train loss ").contains("\nwrote " + run);
        assertThat(quietTraining.err()).isEmpty();
    }

    @Test
    void evaluatePutsEveryFigureOnTheScaleOfMinusLogPx() {
        CliTest.Result r = run("evaluate", "--model", run.resolve("model.vae").toString(), "--samples", "50", "--json");
        assertThat(r.code()).as(r.err()).isZero();
        List<String> lines = r.out().lines().toList();
        assertThat(lines.get(0)).isEqualTo(EvaluateCommand.SCALE + ", 2000 test images (embedded mnist-10k)");
        JsonObject json = JsonParser.parseString(lines.get(lines.size() - 1)).getAsJsonObject();
        assertThat(json.get("scale").getAsString()).isEqualTo(EvaluateCommand.SCALE);
        double nelbo = json.get("nelbo").getAsDouble();
        double nll = json.get("nll").getAsDouble();
        double negCubo = json.get("neg_cubo").getAsDouble();
        // Every figure positive, in the order the bounds put them: -CUBO_2 <= -log p(x) <= NELBO.
        assertThat(json.get("neg_bound").getAsDouble()).isCloseTo(nelbo, within(1e-6));
        assertThat(negCubo).isPositive().isLessThan(nll);
        assertThat(nll).isLessThan(nelbo);
        assertThat(json.has("bound")).as("renamed: the sign changed").isFalse();
        assertThat(json.has("cubo")).as("renamed: the sign changed").isFalse();
        assertThat(r.out()).contains(String.format("test -CUBO_2 %.3f", negCubo))
                .contains(String.format("test -log p(x) %.3f", nll)).contains(String.format("test NELBO %.3f", nelbo));
    }

    @Test
    void benchSaysWhatItDoesFirstAndNothingUnderQuiet() {
        CliTest.Result r = run("bench", "--seconds", "1", "--hidden-dims", "16");
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out().lines().findFirst().orElseThrow())
                .isEqualTo("bench: warming up, then timing training for 1.0 s and evaluation for 0.5 s ...");
        CliTest.Result quiet = run("bench", "--quiet", "--seconds", "1", "--hidden-dims", "16");
        assertThat(quiet.out().lines()).hasSize(1).first().asString().startsWith("train ");
    }
}
