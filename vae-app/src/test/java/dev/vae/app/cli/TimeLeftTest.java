package dev.vae.app.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

/** The time left from given step times: the warm-up left out, the recent rate, the pauses between epochs. */
class TimeLeftTest {
    private final TimeLeft timeLeft = new TimeLeft();

    private void steps(int count, long examples, double seconds) {
        for (int i = 0; i < count; i++) {
            timeLeft.step(examples, seconds);
        }
    }

    @Test
    void noEstimateBeforeTheWarmUpIsOver() {
        steps(TimeLeft.WARM_UP_STEPS + TimeLeft.MIN_STEPS - 1, 100, 0.01);
        assertThat(timeLeft.seconds(100_000, 0)).isEmpty();
        steps(1, 100, 0.01);
        assertThat(timeLeft.seconds(100_000, 0)).isPresent();
    }

    @Test
    void theWarmUpStepsDoNotCount() {
        // Building the op plan and compiling make the first steps a hundred times slower.
        steps(TimeLeft.WARM_UP_STEPS, 100, 1.0);
        steps(20, 100, 0.01);
        assertThat(timeLeft.examplesPerSecond().getAsDouble()).isCloseTo(10_000, within(1e-6));
        assertThat(timeLeft.seconds(100_000, 0).getAsDouble()).isCloseTo(10.0, within(1e-9));
    }

    @Test
    void theRateFollowsTheRecentSteps() {
        steps(TimeLeft.WARM_UP_STEPS, 100, 1.0);
        steps(TimeLeft.WINDOW, 100, 0.01);
        steps(TimeLeft.WINDOW / 2, 100, 0.02);
        // Half the window at each speed: 100 examples per 0.015 s on average.
        assertThat(timeLeft.seconds(100_000, 0).getAsDouble()).isCloseTo(15.0, within(1e-9));
        steps(TimeLeft.WINDOW, 100, 0.02);
        assertThat(timeLeft.seconds(100_000, 0).getAsDouble()).isCloseTo(20.0, within(1e-9));
    }

    @Test
    void aShortLastBatchCountsByItsExamples() {
        steps(TimeLeft.WARM_UP_STEPS, 100, 1.0);
        steps(9, 100, 0.01);
        steps(1, 50, 0.005);
        assertThat(timeLeft.examplesPerSecond().getAsDouble()).isCloseTo(10_000, within(1e-6));
    }

    @Test
    void thePauseBetweenEpochsIsAddedPerEpochLeftNotToTheRate() {
        steps(TimeLeft.WARM_UP_STEPS, 100, 1.0);
        steps(20, 100, 0.01);
        // The first step of the next epoch waited 0.5 s for validation and the checkpoint.
        timeLeft.firstStepOfEpoch(100, 0.51);
        assertThat(timeLeft.examplesPerSecond().getAsDouble()).isCloseTo(10_000, within(1e-6));
        assertThat(timeLeft.seconds(100_000, 3).getAsDouble()).isCloseTo(10.0 + 3 * 0.5, within(1e-9));
    }
}
