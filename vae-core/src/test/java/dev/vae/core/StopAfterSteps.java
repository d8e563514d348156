package dev.vae.core;

/** A listener that asks a run to stop once it has taken a given number of steps: a kill, in a test. */
final class StopAfterSteps implements TrainingListener {
    private final int steps;
    private int done;

    private StopAfterSteps(int steps) {
        this.steps = steps;
    }

    /** Stops before step {@code steps + 1}. */
    static TrainingListener of(int steps) {
        return new StopAfterSteps(steps);
    }

    @Override
    public void batchDone(int epoch, long examplesDone, long examplesTotal) {
        done++;
    }

    @Override
    public void epochDone(EpochStats stats) {
    }

    @Override
    public boolean stopRequested() {
        return done >= steps;
    }
}
