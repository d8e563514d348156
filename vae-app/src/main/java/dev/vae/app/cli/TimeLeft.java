package dev.vae.app.cli;

import java.util.ArrayDeque;
import java.util.OptionalDouble;

/**
 * The time a run has left, from its steady state: the training rate over the last steps, leaving
 * out the first steps of the run (the op plan is built and the JIT compiles then, each step several
 * times slower than later ones), plus the pause between epochs (validation, checkpoint) as last seen.
 * A run's average since its start would count that warm-up in every estimate.
 */
final class TimeLeft {
    /** Steps of the run left out of the rate. */
    static final int WARM_UP_STEPS = 10;
    /** Steps the rate averages over. */
    static final int WINDOW = 200;
    /** Steady steps needed before an estimate is given. */
    static final int MIN_STEPS = 5;

    private final ArrayDeque<double[]> recent = new ArrayDeque<>();
    private long steps;
    private long windowExamples;
    private double windowSeconds;
    private double epochPause;

    /** A training step of {@code examples} that took {@code seconds}, within an epoch. */
    void step(long examples, double seconds) {
        if (++steps <= WARM_UP_STEPS) {
            return;
        }
        recent.addLast(new double[] {examples, seconds});
        windowExamples += examples;
        windowSeconds += seconds;
        if (recent.size() > WINDOW) {
            double[] oldest = recent.removeFirst();
            windowExamples -= (long) oldest[0];
            windowSeconds -= oldest[1];
        }
    }

    /**
     * The first step of an epoch after another: its {@code seconds} hold the pause between the
     * epochs as well, which is kept apart from the rate.
     */
    void firstStepOfEpoch(long examples, double seconds) {
        OptionalDouble rate = examplesPerSecond();
        if (rate.isEmpty()) {
            step(examples, seconds);
            return;
        }
        epochPause = Math.max(0, seconds - examples / rate.getAsDouble());
    }

    /** Training examples per second over the recent steady steps, once there are enough of them. */
    OptionalDouble examplesPerSecond() {
        return recent.size() < MIN_STEPS || windowSeconds <= 0 ? OptionalDouble.empty()
                : OptionalDouble.of(windowExamples / windowSeconds);
    }

    /**
     * @param examplesLeft training examples still to step through in the run
     * @param pausesLeft ends of epochs still to come, each with its validation and checkpoint
     */
    OptionalDouble seconds(long examplesLeft, int pausesLeft) {
        OptionalDouble rate = examplesPerSecond();
        return rate.isEmpty() ? rate : OptionalDouble.of(examplesLeft / rate.getAsDouble() + pausesLeft * epochPause);
    }
}
