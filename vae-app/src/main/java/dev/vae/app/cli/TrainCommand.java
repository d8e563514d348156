package dev.vae.app.cli;

import com.google.gson.GsonBuilder;
import dev.vae.app.plot.DigitGrid;
import dev.vae.app.plot.LatentGrid;
import dev.vae.app.plot.LatentScatter;
import dev.vae.app.plot.LossChart;
import dev.vae.core.EpochStats;
import dev.vae.core.TrainedVae;
import dev.vae.core.VaeConfig;
import dev.vae.core.data.DataSplit;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** Trains a model and writes it with its history, configuration and pictures into a run folder. */
@Command(name = "train", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Train a model (default: the tutorial's VAE on the embedded MNIST digits) and write "
                + "model.vae, history.csv, config.json, loss.png, latent.png and manifold.png.")
final class TrainCommand implements Callable<Integer> {
    private static final int MANIFOLD_SIDE = 15;

    @Spec
    CommandSpec spec;

    @Mixin
    DataOption data = new DataOption();

    @Option(names = "--output", paramLabel = "DIR", description = "Run folder to create. Default: a new folder under runs/.")
    Path output;

    @Option(names = "--overwrite", description = "Replace the output folder if it exists.")
    boolean overwrite;

    @Option(names = "--epochs", defaultValue = "50", description = "Passes over the training set (default: ${DEFAULT-VALUE}).")
    int epochs;

    @Mixin
    ModelOptions model = new ModelOptions();

    @Mixin
    PluginPathOption plugins = new PluginPathOption();

    @Override
    public Integer call() throws IOException {
        PrintWriter out = spec.commandLine().getOut();
        VaeConfig config = model.builder().epochs(epochs).build();
        Path target = output == null ? RunFolder.defaultTarget() : output;
        RunFolder.check(target, overwrite);
        DataSplit split = data.load();
        out.print(plugins.vae().summarize(config, split.train().dimension()).table());
        out.printf("data: %s (%d training, %d validation images of %dx%d)%n", data.describe(), split.train().size(),
                split.test().size(), split.train().rows(), split.train().cols());
        try (RunFolder run = RunFolder.open(target, overwrite)) {
            Progress progress = new Progress(out, System.console() != null, epochs);
            TrainedVae trained = plugins.vae().train(config, split.train(), split.test(), progress);
            writeRun(run, trained, split, config);
            run.commit();
            EpochStats last = trained.history().get(trained.history().size() - 1);
            out.printf("final train loss %.3f, train NELBO %.3f, validation NELBO %.3f nats%n", last.trainLoss(),
                    last.trainNelbo(), last.validationNelbo());
            out.println("wrote " + run.target());
        }
        return ExitCodes.OK;
    }

    private void writeRun(RunFolder run, TrainedVae model, DataSplit split, VaeConfig config) throws IOException {
        model.save(run.file("model.vae"));
        Files.writeString(run.file("history.csv"), historyCsv(model.history()), StandardCharsets.UTF_8);
        Files.writeString(run.file("config.json"), configJson(config), StandardCharsets.UTF_8);
        AtomicFile.writePng(run.file("loss.png"), LossChart.draw(model.history()));
        if (model.codeWidth() >= 2) {
            AtomicFile.writePng(run.file("latent.png"),
                    LatentScatter.draw(model.encode(split.test().images()).mean(), split.test().labels()));
        }
        if (model.codeWidth() == 2) {
            AtomicFile.writePng(run.file("manifold.png"), DigitGrid.draw(model.decode(LatentGrid.points(MANIFOLD_SIDE)),
                    model.imageRows(), model.imageCols(), MANIFOLD_SIDE, 2));
        }
    }

    private static String historyCsv(List<EpochStats> history) {
        StringBuilder csv = new StringBuilder("epoch,train_loss,train_nelbo,val_nelbo,seconds\n");
        for (EpochStats s : history) {
            csv.append(String.format(java.util.Locale.ROOT, "%d,%.6f,%.6f,%.6f,%.3f%n", s.epoch(), s.trainLoss(),
                    s.trainNelbo(), s.validationNelbo(), s.seconds()));
        }
        return csv.toString();
    }

    private String configJson(VaeConfig config) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("command", "vae " + String.join(" ", spec.commandLine().getParseResult().originalArgs()));
        json.put("data", data.describe());
        json.put("config", config);
        return new GsonBuilder().setPrettyPrinting().disableHtmlEscaping().create().toJson(json) + "\n";
    }
}
