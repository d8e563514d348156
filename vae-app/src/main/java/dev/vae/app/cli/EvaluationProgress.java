package dev.vae.app.cli;

import dev.vae.core.ProgressListener;

/** A bar for a long evaluation, with the time left at the rate so far. */
final class EvaluationProgress implements ProgressListener {
    private final ProgressBar bar;
    private final String label;
    private final long start = System.nanoTime();

    EvaluationProgress(ProgressBar bar, String label) {
        this.bar = bar;
        this.label = label;
    }

    @Override
    public void progress(long done, long total) {
        double elapsed = (System.nanoTime() - start) / 1e9;
        double left = elapsed / done * (total - done);
        bar.draw(label, done, total, ProgressBar.clock(left) + " left");
    }
}
