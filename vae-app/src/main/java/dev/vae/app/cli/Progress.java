package dev.vae.app.cli;

import dev.vae.core.EpochStats;
import dev.vae.core.TrainingListener;
import java.io.PrintWriter;

/**
 * Training progress: on a terminal, a bar per epoch with samples/s and the time left for the run;
 * on a terminal or not, one line per finished epoch.
 */
final class Progress implements TrainingListener {
    private final PrintWriter out;
    private final ProgressBar bar;
    private final int firstEpoch;
    private final int epochs;
    private final long runStart = System.nanoTime();
    private long epochStart = System.nanoTime();
    private double secondsSoFar;

    /**
     * @param epochsDone the epochs a resumed run finished before, whose times are not known here
     * @param epochs the run's epochs in all
     */
    Progress(PrintWriter out, boolean terminal, int epochsDone, int epochs) {
        this.out = out;
        this.bar = new ProgressBar(out, terminal);
        this.firstEpoch = epochsDone + 1;
        this.epochs = epochs;
    }

    @Override
    public void batchDone(int epoch, long done, long total) {
        double elapsed = (System.nanoTime() - epochStart) / 1e9;
        double rate = done / Math.max(elapsed, 1e-9);
        double epochLeft = (total - done) / Math.max(rate, 1e-9);
        double perEpoch = epoch > firstEpoch ? secondsSoFar / (epoch - firstEpoch) : elapsed + epochLeft;
        double left = epochLeft + perEpoch * (epochs - epoch);
        bar.draw("epoch " + epoch + "/" + epochs, done, total,
                String.format("%,.0f samples/s  %s left", rate, ProgressBar.clock(left)));
    }

    @Override
    public void epochDone(EpochStats s) {
        secondsSoFar = (System.nanoTime() - runStart) / 1e9;
        epochStart = System.nanoTime();
        bar.clear();
        out.printf("epoch %d/%d  train loss %.3f  train NELBO %.3f  val NELBO %.3f  %.1fs%n", s.epoch(), epochs,
                s.trainLoss(), s.trainNelbo(), s.validationNelbo(), s.seconds());
        out.flush();
    }
}
