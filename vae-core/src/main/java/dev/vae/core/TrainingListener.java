package dev.vae.core;

/** Told about training progress, on the training thread; keep it quick, it runs between steps. */
@FunctionalInterface
public interface TrainingListener {

    /** A listener that does nothing. */
    TrainingListener NONE = stats -> { };

    /**
     * After each step.
     *
     * @param epoch the current epoch, from 1
     * @param examplesDone training examples seen so far in this epoch
     * @param examplesTotal training examples in an epoch
     */
    default void batchDone(int epoch, long examplesDone, long examplesTotal) {
    }

    /**
     * After each step, with the step's loss; calls {@link #batchDone(int, long, long)} unless
     * overridden, so a listener that does not need the loss overrides that one.
     *
     * @param loss the step's loss, the mean over the batch of the objective the weights descend
     */
    default void batchDone(int epoch, long examplesDone, long examplesTotal, double loss) {
        batchDone(epoch, examplesDone, examplesTotal);
    }

    /** @param stats the finished epoch; never null */
    void epochDone(EpochStats stats);

    /**
     * Asked before each step: true stops training there, between two steps, leaving a
     * {@link TrainingRun} that can be checkpointed and continued exactly.
     */
    default boolean stopRequested() {
        return false;
    }
}
