package dev.vae.app.cli;

import com.google.gson.GsonBuilder;
import dev.vae.app.run.AtomicWrite;
import dev.vae.app.run.RunFolder;
import dev.vae.core.EarlyStopping;
import dev.vae.core.EpochStats;
import dev.vae.core.TrainingCallback;
import dev.vae.core.TrainingRun;
import java.io.IOException;
import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Option;

/** {@code --early-stop PATIENCE}: early stopping on the validation NELBO, and what a run says of it. */
final class EarlyStopOption {
    /** The run's record of its best epoch and whether it stopped early. */
    static final String FILE = "early-stop.json";

    @Option(names = "--early-stop", paramLabel = "PATIENCE",
            description = "End training once the validation NELBO has not improved for PATIENCE epochs, and keep the "
                    + "best epoch's weights; history.csv keeps every epoch, " + FILE + " names the best (default: off).")
    Integer patience;

    /** @throws UserError for a patience below 1 */
    void check() {
        if (patience != null && patience < 1) {
            throw new UserError("--early-stop takes a patience of at least 1 epoch, got " + patience);
        }
    }

    /**
     * The callbacks of a run: early stopping if asked for.
     *
     * @throws UserError for a patience below 1
     */
    List<TrainingCallback> callbacks() {
        check();
        return patience == null ? List.of() : List.of(new EarlyStopping(patience));
    }

    /** Writes {@value #FILE} and says which epoch's weights the model holds, for a run with early stopping. */
    void report(RunFolder folder, TrainingRun run, PrintWriter out) throws IOException {
        if (patience == null) {
            return;
        }
        List<EpochStats> history = run.history();
        EpochStats best = history.get(run.keptEpoch() - 1);
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("patience", patience);
        json.put("stoppedEarly", run.stoppedEarly());
        json.put("epochsTrained", history.size());
        json.put("bestEpoch", best.epoch());
        json.put("bestValidationNelbo", best.validationNelbo());
        AtomicWrite.string(folder.file(FILE), new GsonBuilder().setPrettyPrinting().create().toJson(json) + "\n");
        if (run.stoppedEarly()) {
            out.printf("stopped early after epoch %d: no better validation NELBO for %d epochs%n", history.size(),
                    patience);
        }
        out.printf("the model holds the weights of epoch %d, of the best validation NELBO %.3f nats%n", best.epoch(),
                best.validationNelbo());
    }
}
