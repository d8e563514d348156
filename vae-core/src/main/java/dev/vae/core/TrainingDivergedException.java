package dev.vae.core;

/** Training produced a loss that is not a finite number, so the weights are no longer usable. */
public final class TrainingDivergedException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    TrainingDivergedException(int epoch, double loss) {
        super("training diverged in epoch " + epoch + " (mean loss " + loss
                + "); try a lower learning rate or a smaller network");
    }
}
