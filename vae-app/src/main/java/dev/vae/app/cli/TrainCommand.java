package dev.vae.app.cli;

import com.google.gson.GsonBuilder;
import dev.vae.app.run.AtomicWrite;
import dev.vae.app.run.ProgressFile;
import dev.vae.app.run.RunFolder;
import dev.vae.app.run.RunHistory;
import dev.vae.core.Condition;
import dev.vae.core.EpochStats;
import dev.vae.core.TrainedVae;
import dev.vae.core.TrainingDivergedException;
import dev.vae.core.TrainingRun;
import dev.vae.core.Vae;
import dev.vae.core.VaeConfig;
import dev.vae.core.data.DataSplit;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * Trains a model, or continues a stopped run, in a run folder: a checkpoint and a line of
 * {@code history.csv} after every epoch, a checkpoint and exit 130/143 on Ctrl-C or SIGTERM, and the
 * model with its pictures when the last epoch ends.
 */
@Command(name = "train", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Train a model (default: the tutorial's VAE on the embedded MNIST digits) and write "
                + "model.vae, history.csv, timings.csv, config.json, loss.png, latent.png and manifold.png (a conditional "
                + "model: manifold-CLASS.png per class), and as it trains summary.json, batches.csv, progress.json and "
                + "epochs/ for a page that watches it. "
                + "Ctrl-C stops at the next step with a checkpoint; --resume continues.")
final class TrainCommand implements Callable<Integer> {
    static final String CHECKPOINT = "checkpoint.vae";

    @Spec
    CommandSpec spec;

    @Mixin
    DataOption data = new DataOption();

    @Option(names = "--output", paramLabel = "DIR", description = "Run folder to create. Default: a new folder under runs/.")
    Path output;

    @Option(names = "--overwrite", description = "Replace the output folder if it holds an earlier run (and nothing else).")
    boolean overwrite;

    @Option(names = "--resume", paramLabel = "DIR",
            description = "Continue the stopped or killed run whose output is DIR, with its own options.")
    Path resume;

    @Option(names = "--config", paramLabel = "FILE",
            description = "Train with the options of a run's config.json; options given here override the file's.")
    Path configFile;

    @Option(names = "--epochs", defaultValue = "50", paramLabel = "N", description = "Passes over the training set (default: ${DEFAULT-VALUE}).")
    int epochs;

    @Mixin
    ModelOptions model = new ModelOptions();

    @Option(names = "--condition", paramLabel = "labels|labels:C|columns:N[,N...]",
            description = "Train a conditional model, given each example's condition in encoder and decoder: labels, "
                    + "the one-hot of its label (of the training labels' classes, or C); columns:N,..., CSV columns "
                    + "(0-based, as --label-column counts them) moved out of the data into the condition (default: none).")
    String condition;

    @Mixin
    EarlyStopOption earlyStop = new EarlyStopOption();

    @Mixin
    ThreadsOption threads = new ThreadsOption();

    @Mixin
    PluginPathOption plugins = new PluginPathOption();

    @Mixin
    QuietOption quiet = new QuietOption();

    @Option(names = "--ui", description = "Serve the run's live page (that of vae ui, on the folder holding the run) "
            + "while it trains, and once it is complete until Ctrl-C.")
    boolean ui;

    @Override
    public Integer call() throws IOException, InterruptedException {
        if (configFile != null) {
            return fromConfig();
        }
        return resume == null ? startRun() : resumeRun();
    }

    private Integer fromConfig() {
        if (resume != null) {
            throw new UserError("--resume continues a run with its own options; leave out --config");
        }
        return ConfigFile.train(spec, configFile);
    }

    private Integer startRun() throws IOException, InterruptedException {
        VaeConfig config = model.builder().epochs(epochs).standardize(data.standardize).build();
        int threadCount = threads.count();
        Path target = output == null ? RunFolder.defaultTarget() : output;
        RunFolder.checkTarget(target, overwrite);
        earlyStop.check();
        DataSplit split = data.load(config.seed());
        config = conditioned(config, data, split);
        describe(plugins.vae(), config, data, split);
        TrainingRun run = plugins.vae().start(config, split.train(), split.test(), threadCount);
        RunFolder folder = RunFolder.create(target, overwrite, RecordedOptions.of(spec));
        try {
            AtomicWrite.string(folder.file("config.json"), configJson(config));
            return train(folder, target, run, config, split, data.labelled(), RunHistory.rewrite(folder, List.of()),
                    earlyStop);
        } finally {
            folder.close();
        }
    }

    private Integer resumeRun() throws IOException, InterruptedException {
        if (output != null || overwrite) {
            throw new UserError("--resume continues a run at its own output; leave out --output and --overwrite");
        }
        RunFolder folder = RunFolder.resume(resume);
        try {
            TrainCommand recorded = RecordedOptions.parse(folder, spec);
            VaeConfig config = recorded.model.builder().epochs(recorded.epochs).standardize(recorded.data.standardize)
                    .build();
            DataSplit split = recorded.data.load(config.seed());
            config = recorded.conditioned(config, recorded.data, split);
            Vae vae = (plugins.folders == null ? recorded.plugins : plugins).vae();
            describe(vae, config, recorded.data, split);
            Path checkpoint = folder.file(CHECKPOINT);
            TrainingRun run = Files.exists(checkpoint)
                    ? vae.resume(checkpoint, split.train(), split.test())
                    : vae.start(config, split.train(), split.test(), recorded.threads.count());
            quiet.chatter(spec).printf("resuming %s in epoch %d after %d of %d steps%n", resume, run.epoch(),
                    run.batchesDone(), run.batchesPerEpoch());
            return train(folder, resume, run, config, split, recorded.data.labelled(),
                    RunHistory.rewrite(folder, run.history()), recorded.earlyStop);
        } finally {
            folder.close();
        }
    }

    /** The configuration with the condition of --condition, which the data's labels or columns complete. */
    private VaeConfig conditioned(VaeConfig config, DataOption source, DataSplit split) {
        if (condition == null) {
            return config;
        }
        Condition parsed = Condition.parse(condition, split.train().labels());
        if (parsed.kind() == Condition.Kind.COLUMNS) {
            int values = split.train().cols();
            parsed = Condition.columns(parsed.columns().stream().map(c -> source.valueColumn(c, values)).toList());
        }
        return config.toBuilder().condition(parsed).build();
    }

    private void describe(Vae vae, VaeConfig config, DataOption source, DataSplit split) {
        PrintWriter out = quiet.chatter(spec);
        out.print(vae.summarize(config, split.train().rows(), split.train().cols()).table());
        out.printf("optimizer: %s, learning rate %s%n", config.optimizer(), config.learningRate());
        out.printf("data: %s (%d training, %d validation images of %dx%d)%n", source.describe(), split.train().size(),
                split.test().size(), split.train().rows(), split.train().cols());
    }

    private Integer train(RunFolder folder, Path target, TrainingRun run, VaeConfig config, DataSplit split,
                          boolean labelled, RunHistory history, EarlyStopOption stopping)
            throws IOException, InterruptedException {
        PrintWriter out = spec.commandLine().getOut();
        try (LivePage page = ui ? LivePage.open(target, out) : null) {
            int code = fitAndSave(folder, target, run, config, split, labelled, history, stopping, out);
            if (page != null && code == ExitCodes.OK) {
                page.serveUntilStopped(out);
            }
            return code;
        }
    }

    private Integer fitAndSave(RunFolder folder, Path target, TrainingRun run, VaeConfig config, DataSplit split,
                               boolean labelled, RunHistory history, EarlyStopOption stopping, PrintWriter out)
            throws IOException {
        TrainedVae trained;
        LiveFiles live = LiveFiles.open(folder, run, config.epochs(), split.train(), split.test(), labelled);
        try (StopSignal stop = StopSignal.install(); live) {
            Progress progress = new Progress(quiet.chatter(spec), System.console() != null, config.epochs());
            trained = run.fit(new Checkpointing(folder, run, history, progress, stop, live), stopping.callbacks());
            if (!run.finished()) {
                live.batches().flush();
                run.saveCheckpoint(folder.file(CHECKPOINT));
                live.stopped(run);
                spec.commandLine().getErr().printf("vae train: %s: stopped in epoch %d after %d of %d steps; the checkpoint "
                        + "is %s; continue with: vae train --resume %s%n", stop.name(), run.epoch(), run.batchesDone(),
                        run.batchesPerEpoch(), folder.file(CHECKPOINT), target);
                return stop.exitCode();
            }
        } catch (TrainingDivergedException e) {
            live.failed(e);
            folder.discard();
            throw e;
        } catch (RuntimeException | IOException e) {
            live.failed(e);
            if (!Files.exists(folder.file(CHECKPOINT))) {
                folder.discard();
            }
            throw e;
        }
        stopping.report(folder, run, out);
        RunPictures.write(folder, trained, split, spec.commandLine().getErr());
        trained.save(folder.file("model.vae"));
        live.progress().write(ProgressFile.State.FINISHED, null);
        folder.commit();
        Files.deleteIfExists(folder.target().resolve(CHECKPOINT));
        EpochStats last = trained.history().get(trained.history().size() - 1);
        out.printf("final train loss %.3f, train NELBO %.3f, validation NELBO %.3f nats%n", last.trainLoss(),
                last.trainNelbo(), last.validationNelbo());
        out.println("wrote " + target);
        return ExitCodes.OK;
    }

    private String configJson(VaeConfig config) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("command", "vae " + String.join(" ", spec.commandLine().getParseResult().originalArgs()));
        json.put("data", data.describe());
        Map<String, Object> settings = new LinkedHashMap<>();
        settings.put("latentDim", config.latentLayers() == 1 ? config.latentDim() : config.latentDims());
        settings.put("samples", config.samples());
        settings.put("batchSize", config.batchSize());
        settings.put("epochs", config.epochs());
        settings.put("optimizer", config.optimizer().label());
        settings.put("learningRate", config.learningRate());
        settings.put("seed", config.seed());
        if (config.condition().present()) {
            settings.put("condition", config.condition().toString());
        }
        if (config.standardize()) {
            settings.put("standardize", true);
        }
        Map<String, String> components = new LinkedHashMap<>();
        config.components().forEach(c -> components.put(c.role(), c.choice().toString()));
        settings.put("components", components);
        json.put("config", settings);
        json.put("options", ConfigFile.otherOptions(spec));
        return new GsonBuilder().setPrettyPrinting().disableHtmlEscaping().create().toJson(json) + "\n";
    }
}
