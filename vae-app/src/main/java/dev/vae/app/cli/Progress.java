package dev.vae.app.cli;

import dev.vae.core.EpochStats;
import dev.vae.core.TrainingListener;
import java.io.PrintWriter;

/**
 * Training progress: on a terminal, a bar per epoch redrawn in place with samples/s and the time left
 * for the run; elsewhere, one plain line per epoch, so that logs stay readable.
 */
final class Progress implements TrainingListener {
    private static final int BAR = 30;
    private static final long REDRAW_NANOS = 100_000_000L;

    private final PrintWriter out;
    private final boolean terminal;
    private final int epochs;
    private final long runStart = System.nanoTime();
    private long epochStart = System.nanoTime();
    private long lastDraw;
    private double secondsSoFar;

    Progress(PrintWriter out, boolean terminal, int epochs) {
        this.out = out;
        this.terminal = terminal;
        this.epochs = epochs;
    }

    @Override
    public void batchDone(int epoch, long done, long total) {
        long now = System.nanoTime();
        if (!terminal || (now - lastDraw < REDRAW_NANOS && done < total)) {
            return;
        }
        lastDraw = now;
        double elapsed = (now - epochStart) / 1e9;
        double rate = done / Math.max(elapsed, 1e-9);
        double epochLeft = (total - done) / Math.max(rate, 1e-9);
        double perEpoch = epoch > 1 ? secondsSoFar / (epoch - 1) : elapsed + epochLeft;
        double left = epochLeft + perEpoch * (epochs - epoch);
        int filled = (int) (BAR * done / total);
        out.printf("\repoch %d/%d [%s%s] %d/%d  %,.0f samples/s  %s left ", epoch, epochs, "#".repeat(filled),
                ".".repeat(BAR - filled), done, total, rate, clock(left));
        out.flush();
    }

    @Override
    public void epochDone(EpochStats s) {
        secondsSoFar = (System.nanoTime() - runStart) / 1e9;
        epochStart = System.nanoTime();
        if (terminal) {
            out.print("\r" + " ".repeat(100) + "\r");
        }
        out.printf("epoch %d/%d  train loss %.3f  train NELBO %.3f  val NELBO %.3f  %.1fs%n", s.epoch(), epochs,
                s.trainLoss(), s.trainNelbo(), s.validationNelbo(), s.seconds());
        out.flush();
    }

    private static String clock(double seconds) {
        long s = Math.round(seconds);
        return s >= 3600 ? String.format("%d:%02d:%02d", s / 3600, s / 60 % 60, s % 60)
                : String.format("%d:%02d", s / 60, s % 60);
    }
}
