package dev.vae.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.vae.core.TrainedVae;
import dev.vae.core.Vae;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * A run's config.json fed back with --config reproduces the run bit for bit, options given beside it
 * win, argument files work, and --early-stop ends a run where the validation NELBO stopped improving
 * with the best epoch's model.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ConfigFileTest {
    private static final int EPOCHS = 30;
    private static final int PATIENCE = 2;
    private Path dir;
    private Path data;
    private Path full;

    /** A run on a small table, so that the validation NELBO soon stops improving. */
    @BeforeAll
    void trainEveryEpoch(@TempDir Path tempDir) throws IOException {
        dir = tempDir;
        Random random = new Random(1);
        StringBuilder rows = new StringBuilder("label,a,b,c,d,e,f,g,h\n");
        for (int i = 0; i < 60; i++) {
            rows.append(i % 3);
            for (int j = 0; j < 8; j++) {
                rows.append(',').append(random.nextDouble() < (j + i % 3) / 10.0 ? 1 : 0);
            }
            rows.append('\n');
        }
        data = Files.writeString(dir.resolve("table.csv"), rows);
        full = dir.resolve("full");
        train("--output", full.toString(), "--epochs", String.valueOf(EPOCHS));
    }

    private void train(String... args) {
        List<String> all = new java.util.ArrayList<>(List.of("train", "--data", data.toString(), "--label-column", "0",
                "--test-fraction", "0.25", "--hidden-dims", "16", "--learning-rate", "1e-2", "--batch-size", "10",
                "--encoder", "mlp:activation=tanh", "--seed", "3", "--threads", "1"));
        all.addAll(List.of(args));
        CliTest.Result r = CliTest.run(all.toArray(String[]::new));
        assertThat(r.code()).as(r.err()).isZero();
    }

    private static CliTest.Result run(String... args) {
        CliTest.Result r = CliTest.run(args);
        assertThat(r.code()).as(r.err()).isZero();
        return r;
    }

    private static List<String> history(Path run) throws IOException {
        return Files.readAllLines(run.resolve("history.csv"));
    }

    @Test
    void aRunOfTheConfigFileReproducesTheHistoryBitForBit() throws IOException {
        Path again = dir.resolve("again");
        run("train", "--config", full.resolve("config.json").toString(), "--output", again.toString());

        assertThat(history(again)).hasSize(EPOCHS + 1).isEqualTo(history(full));
        JsonObject options = JsonParser.parseString(Files.readString(again.resolve("config.json"))).getAsJsonObject()
                .getAsJsonObject("options");
        assertThat(options.get("--label-column").getAsString()).isEqualTo("0");
        assertThat(options.get("--data").getAsString()).isEqualTo(data.toAbsolutePath().toString());
    }

    @Test
    void optionsGivenBesideTheConfigFileOverrideIt() throws IOException {
        Path shorter = dir.resolve("shorter");
        run("train", "--config", full.resolve("config.json").toString(), "--epochs", "3", "--output", shorter.toString());

        assertThat(history(shorter)).isEqualTo(history(full).subList(0, 4));
        assertThat(Files.readString(shorter.resolve("config.json"))).contains("\"epochs\": 3")
                .contains("\"encoder\": \"mlp:activation=tanh,hidden=16\"");
    }

    @Test
    void anArgumentFileGivesItsOptions() throws IOException {
        Path args = Files.writeString(dir.resolve("args.txt"), "--epochs 3\n--output " + dir.resolve("fromFile") + "\n");
        train("@" + args);

        assertThat(history(dir.resolve("fromFile"))).isEqualTo(history(full).subList(0, 4));
    }

    @Test
    void earlyStoppingEndsPatienceEpochsAfterTheBestWithTheBestEpochsModel() throws IOException {
        List<Double> validation = history(full).stream().skip(1).map(l -> Double.parseDouble(l.split(",")[3])).toList();
        int best = 0;
        int stop = EPOCHS;
        for (int e = 1; e <= EPOCHS; e++) {
            if (validation.get(e - 1) < validation.get(best)) {
                best = e - 1;
            }
            if (e - (best + 1) >= PATIENCE) {
                stop = e;
                break;
            }
        }
        assertThat(stop).as("the validation NELBO must stop improving within the run for this test").isLessThan(EPOCHS);
        Path stopped = dir.resolve("stopped");
        Path bestRun = dir.resolve("best");
        train("--output", stopped.toString(), "--epochs", String.valueOf(EPOCHS), "--early-stop", String.valueOf(PATIENCE));
        train("--output", bestRun.toString(), "--epochs", String.valueOf(best + 1));

        assertThat(history(stopped)).isEqualTo(history(full).subList(0, stop + 1));
        JsonObject report = JsonParser.parseString(Files.readString(stopped.resolve(EarlyStopOption.FILE)))
                .getAsJsonObject();
        assertThat(report.get("bestEpoch").getAsInt()).isEqualTo(best + 1);
        assertThat(report.get("stoppedEarly").getAsBoolean()).isTrue();
        assertThat(report.get("epochsTrained").getAsInt()).isEqualTo(stop);
        Vae vae = Vae.create();
        TrainedVae a = vae.load(stopped.resolve("model.vae"));
        TrainedVae b = vae.load(bestRun.resolve("model.vae"));
        var x = org.nd4j.linalg.factory.Nd4j.createFromArray(new float[][] {{0, 1, 0, 1, 1, 0, 0, 1}, {1, 1, 1, 0, 0, 0, 1, 0}});
        assertThat(a.decode(a.encode(x).mean()).data().asFloat())
                .containsExactly(b.decode(b.encode(x).mean()).data().asFloat());
        assertThat(a.history()).hasSize(stop);
    }

    @Test
    void anOldConfigFileWithEnumNamesReadsAsTheOptionsItStoodFor() throws IOException {
        Path old = Files.writeString(dir.resolve("old.json"), """
                {"command": "vae train", "data": "embedded mnist-10k", "config": {"hiddenDims": [64], "latentDim": 2,
                 "activation": "RELU", "weightInit": "FAN_IN_UNIFORM", "likelihood": {"name": "bernoulli", "params": {}},
                 "sampler": {"name": "normal", "params": {}}, "divergence": {"name": "alpha", "params": {"alpha": "0.5"}},
                 "samples": 5, "batchSize": 100, "epochs": 50, "learningRate": 0.001, "seed": 1}}
                """);

        assertThat(ConfigFile.arguments(old, Set.of("--epochs"))).containsExactly("--latent-dim=2", "--samples=5",
                "--batch-size=100", "--learning-rate=0.001", "--seed=1", "--hidden-dims=64", "--activation=relu",
                "--weight-init=fan-in-uniform", "--sampler=normal", "--likelihood=bernoulli", "--divergence=alpha:alpha=0.5");
    }

    @Test
    void aFileThatIsNoRunsConfigIsAUserError() throws IOException {
        Path notConfig = Files.writeString(dir.resolve("other.json"), "{\"epochs\": 3}");
        CliTest.assertUserError(CliTest.run("train", "--config", notConfig.toString()), "has no \"config\" object");
        CliTest.assertUserError(CliTest.run("train", "--config", dir.resolve("missing.json").toString()), "no such file");
    }
}
