package dev.vae.app.cli;

import dev.vae.app.run.BatchLog;
import dev.vae.app.run.EpochViews;
import dev.vae.app.run.ProgressFile;
import dev.vae.app.run.RunFolder;
import dev.vae.app.run.RunSummary;
import dev.vae.core.TrainingRun;
import dev.vae.core.data.ImageSet;
import java.io.IOException;

/**
 * The files a page reads to watch a run as it trains: its summary, a line per step, where it
 * stands, and views of the model after each epoch.
 */
record LiveFiles(BatchLog batches, ProgressFile progress, EpochViews views) implements AutoCloseable {

    /**
     * Opens the files of a run that starts, or that continues from its checkpoint: the summary if it
     * has none yet, the step log cut back to the run's step, and where the run stands.
     */
    static LiveFiles open(RunFolder folder, TrainingRun run, int epochs, ImageSet train, ImageSet validation,
                          boolean labelled) throws IOException {
        RunSummary.writeIfMissing(folder, run.model(), validation, labelled);
        ProgressFile progress = new ProgressFile(folder, epochs, train.size());
        LiveFiles live = new LiveFiles(BatchLog.open(folder, step(run)), progress,
                new EpochViews(folder, validation, labelled));
        live.standsAt(run);
        progress.write(ProgressFile.State.TRAINING, null);
        return live;
    }

    /** Sets the position of the progress file to the run's, between two steps. */
    private void standsAt(TrainingRun run) {
        progress.betweenSteps(run.epoch(), run.batchesDone(), run.model().config().batchSize(), step(run));
    }

    /** The steps the run has taken since it began, across resumes. */
    static long step(TrainingRun run) {
        return (long) (run.epoch() - 1) * run.batchesPerEpoch() + run.batchesDone();
    }

    /** Records a run stopped by a signal between two steps. */
    void stopped(TrainingRun run) throws IOException {
        standsAt(run);
        progress.write(ProgressFile.State.STOPPED, null);
    }

    /** Records a run that failed, keeping the failure the one to report if that cannot be written. */
    void failed(Exception e) {
        try {
            progress.write(ProgressFile.State.FAILED, e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage());
        } catch (IOException | RuntimeException again) {
            e.addSuppressed(again);
        }
    }

    @Override
    public void close() throws IOException {
        batches.close();
    }
}
