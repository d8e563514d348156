package dev.vae.app.cli;

import dev.vae.app.run.RunFolder;
import dev.vae.app.run.RunHistory;
import dev.vae.core.EpochStats;
import dev.vae.core.TrainingListener;
import dev.vae.core.TrainingRun;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * What a training run does as it goes, besides showing progress: at the end of each epoch, a
 * checkpoint and then a line of the history (so that the history never runs ahead of the checkpoint
 * a resume starts from), and a stop at the next step once a signal came.
 */
final class Checkpointing implements TrainingListener {
    private final RunFolder folder;
    private final TrainingRun run;
    private final RunHistory history;
    private final Progress progress;
    private final StopSignal stop;

    Checkpointing(RunFolder folder, TrainingRun run, RunHistory history, Progress progress, StopSignal stop) {
        this.folder = folder;
        this.run = run;
        this.history = history;
        this.progress = progress;
        this.stop = stop;
    }

    @Override
    public void batchDone(int epoch, long examplesDone, long examplesTotal) {
        progress.batchDone(epoch, examplesDone, examplesTotal);
    }

    @Override
    public void epochDone(EpochStats stats) {
        try {
            run.saveCheckpoint(folder.file(TrainCommand.CHECKPOINT));
            history.append(stats);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        progress.epochDone(stats);
    }

    @Override
    public boolean stopRequested() {
        return stop.requested();
    }
}
