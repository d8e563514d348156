package dev.vae.core;

/**
 * Training produced a loss, a validation NELBO or weights that are not finite, or a loss that grew a
 * millionfold, so the weights are no longer usable. The message names the epoch, what went wrong and
 * a remedy that fits the case.
 */
public final class TrainingDivergedException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public TrainingDivergedException(int epoch, String what, String hint) {
        super("training diverged in epoch " + epoch + ": " + what + "; " + hint);
    }
}
