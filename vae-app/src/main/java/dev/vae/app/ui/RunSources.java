package dev.vae.app.ui;

import dev.vae.app.cli.RecordedRun;
import dev.vae.app.run.RunMarker;
import dev.vae.core.TrainedVae;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Optional;

/**
 * What the page computes with, of each run: the model ({@code model.vae}, else the checkpoint) and
 * the validation data its recorded options name. Each is read once and kept while its file is
 * unchanged, so that decoding a point costs one pass of the decoder, not a model load.
 */
final class RunSources {
    static final String MODEL = "model.vae";
    static final String CHECKPOINT = "checkpoint.vae";
    private static final int MODELS_KEPT = 3;
    private static final int DATA_KEPT = 2;
    private static final int RUNS_KEPT = 8;

    private final FileCache<RecordedRun> runs = new FileCache<>(RUNS_KEPT);
    private final FileCache<TrainedVae> models = new FileCache<>(MODELS_KEPT);
    private final FileCache<Validation> data = new FileCache<>(DATA_KEPT);

    /** The file decode and reconstruct use: model.vae once written, else the checkpoint; none before the first epoch ends. */
    static Optional<Path> modelFile(Path folder) {
        for (String name : new String[] {MODEL, CHECKPOINT}) {
            Path file = folder.resolve(name);
            if (Files.isRegularFile(file)) {
                return Optional.of(file);
            }
        }
        return Optional.empty();
    }

    /**
     * The run's model as its file is now.
     *
     * @throws ApiError 404 before the first checkpoint, 500 if the run's marker cannot be read
     * @throws IOException if the model file is not a model, is corrupt or needs a plugin not installed
     */
    RunModel model(Path folder) throws IOException {
        RecordedRun run = recorded(folder);
        try {
            return load(folder, run);
        } catch (NoSuchFileException e) {
            // The checkpoint went as model.vae came, at the end of the run: look again.
            return load(folder, run);
        }
    }

    private RunModel load(Path folder, RecordedRun run) throws IOException {
        Path file = modelFile(folder).orElseThrow(() -> ApiError.notFound("no model yet (the first epoch has not ended)"));
        return new RunModel(file.getFileName().toString(), models.get(file, f -> run.vae().load(f)));
    }

    /**
     * The examples the run validated on.
     *
     * @throws ApiError 404 if the data are no longer where the run read them, 500 if they cannot be read
     */
    Validation validation(Path folder) throws IOException {
        RecordedRun run = recorded(folder);
        try {
            return data.get(folder.resolve(RunMarker.FILE), f -> new Validation(run.validation(), run.labelled()));
        } catch (NoSuchFileException e) {
            throw ApiError.notFound("the run's data cannot be loaded: " + e.getMessage() + " is missing");
        } catch (IOException | IllegalStateException e) {
            throw ApiError.unreadable("the run's data cannot be loaded: " + e.getMessage());
        }
    }

    private RecordedRun recorded(Path folder) throws IOException {
        Path marker = folder.resolve(RunMarker.FILE);
        if (!Files.isRegularFile(marker)) {
            throw ApiError.unreadable(folder.getFileName() + " has no " + RunMarker.FILE
                    + ", which names the run's plugins and data");
        }
        return runs.get(marker, f -> RecordedRun.read(folder));
    }
}
