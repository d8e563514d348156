package dev.vae.app.cli;

import dev.vae.app.run.ProgressFile;
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
 * a resume starts from) and the views of the epoch; after each step, its line in the step log and
 * where the run stands; and a stop at the next step once a signal came.
 */
final class Checkpointing implements TrainingListener {
    private final RunFolder folder;
    private final TrainingRun run;
    private final RunHistory history;
    private final Progress progress;
    private final StopSignal stop;
    private final LiveFiles live;

    Checkpointing(RunFolder folder, TrainingRun run, RunHistory history, Progress progress, StopSignal stop,
                  LiveFiles live) {
        this.folder = folder;
        this.run = run;
        this.history = history;
        this.progress = progress;
        this.stop = stop;
        this.live = live;
    }

    @Override
    public void batchDone(int epoch, long examplesDone, long examplesTotal, double loss) {
        progress.batchDone(epoch, examplesDone, examplesTotal);
        long step = LiveFiles.step(run);
        try {
            live.batches().step(step, epoch, examplesDone, loss);
            live.progress().position(epoch, examplesDone, examplesTotal, step);
            live.progress().estimate(progress.examplesPerSecond(), progress.secondsLeft());
            live.progress().writeIfDue();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void epochDone(EpochStats stats) {
        try {
            // Before the checkpoint, so that a resume from it finds every step it keeps.
            live.batches().flush();
            run.saveCheckpoint(folder.file(TrainCommand.CHECKPOINT));
            history.append(stats);
            live.views().write(run.model(), stats.epoch());
            live.progress().write(ProgressFile.State.TRAINING, null);
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
