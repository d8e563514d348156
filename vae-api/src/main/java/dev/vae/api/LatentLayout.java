package dev.vae.api;

/**
 * How wide the arrays around the latent code are, for a given number of latent variables.
 *
 * @param encoderWidth columns the encoder outputs per example (for a location-scale family, a
 *     location and a log-variance per latent variable)
 * @param noiseWidth columns of eps per example and sample
 * @param codeWidth columns of z per example and sample, which is what the decoder reads
 */
public record LatentLayout(int encoderWidth, int noiseWidth, int codeWidth) {

    /** Checks that every width is positive. */
    public LatentLayout {
        if (encoderWidth <= 0 || noiseWidth <= 0 || codeWidth <= 0) {
            throw new IllegalArgumentException("latent widths must be positive, got encoder " + encoderWidth
                    + ", noise " + noiseWidth + ", code " + codeWidth);
        }
    }
}
