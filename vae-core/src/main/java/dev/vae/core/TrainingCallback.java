package dev.vae.core;

/**
 * Told about each finished epoch, as Keras' and Lightning's callbacks are, and able to end training
 * there: the run then holds that epoch's weights and history, is {@link TrainingRun#finished()}, and a
 * checkpoint saved from it stays finished. Runs on the training thread.
 */
public interface TrainingCallback {

    /** Whether training goes on after an epoch. */
    enum Decision {
        /** Train the next epoch, if the configuration has one. */
        CONTINUE,
        /** End training after this epoch. */
        STOP
    }

    /**
     * After each epoch, once the epoch is in the run's history and before the run's listener hears of it,
     * so that a checkpoint the listener writes records the decision.
     *
     * @param stats the finished epoch
     * @param run the run, which may keep the weights as they are ({@link TrainingRun#keepWeights()})
     */
    Decision onEpochEnd(EpochStats stats, TrainingRun run);

    /**
     * Once training has ended, by the last epoch or a callback's {@link Decision#STOP}, before the model
     * is returned; not when a listener's {@link TrainingListener#stopRequested()} paused the run.
     */
    default void onTrainEnd(TrainingRun run) {
    }
}
