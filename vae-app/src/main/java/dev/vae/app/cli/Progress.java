package dev.vae.app.cli;

import dev.vae.core.EpochStats;
import dev.vae.core.TrainingListener;
import java.io.PrintWriter;
import java.util.OptionalDouble;

/**
 * Training progress: on a terminal, a bar per epoch with samples/s and the time left for the run
 * (from the steady state, {@link TimeLeft}); on a terminal or not, one line per finished epoch.
 */
final class Progress implements TrainingListener {
    private final PrintWriter out;
    private final ProgressBar bar;
    private final int epochs;
    private final TimeLeft timeLeft = new TimeLeft();
    private long lastStep = System.nanoTime();
    private long lastDone;
    private boolean epochStarted;
    private OptionalDouble rate = OptionalDouble.empty();
    private OptionalDouble left = OptionalDouble.empty();

    /**
     * @param epochs the run's epochs in all
     */
    Progress(PrintWriter out, boolean terminal, int epochs) {
        this.out = out;
        this.bar = new ProgressBar(out, terminal);
        this.epochs = epochs;
    }

    @Override
    public void batchDone(int epoch, long done, long total) {
        long now = System.nanoTime();
        double seconds = (now - lastStep) / 1e9;
        if (epochStarted || lastDone == 0) {
            timeLeft.step(done - lastDone, seconds);
        } else {
            timeLeft.firstStepOfEpoch(done, seconds);
        }
        lastStep = now;
        lastDone = done;
        epochStarted = true;
        long examplesLeft = total - done + total * (epochs - epoch);
        left = timeLeft.seconds(examplesLeft, epochs - epoch + 1);
        rate = timeLeft.examplesPerSecond();
        bar.draw("epoch " + epoch + "/" + epochs, done, total, rate.isEmpty() ? "warming up"
                : String.format("%,.0f samples/s  %s left", rate.getAsDouble(), ProgressBar.clock(left.getAsDouble())));
    }

    /** Training examples per second as last shown; empty while warming up. */
    OptionalDouble examplesPerSecond() {
        return rate;
    }

    /** The seconds the run has left as last shown; empty while warming up. */
    OptionalDouble secondsLeft() {
        return left;
    }

    @Override
    public void epochDone(EpochStats s) {
        epochStarted = false;
        bar.clear();
        out.printf("epoch %d/%d  train loss %.3f  train NELBO %.3f  val NELBO %.3f  %.1fs%n", s.epoch(), epochs,
                s.trainLoss(), s.trainNelbo(), s.validationNelbo(), s.seconds());
        out.flush();
    }
}
