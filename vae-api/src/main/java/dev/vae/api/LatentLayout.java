package dev.vae.api;

/**
 * How wide the arrays around the latent code are, for a given number of latent variables.
 *
 * @param encoderWidth columns the encoder outputs per example (for a location-scale family, a
 *     location and a log-variance per latent variable)
 * @param noiseWidth columns of eps per example and sample
 * @param codeWidth columns of z per example and sample, which is what the decoder reads
 * @param categories for codes of relaxed categorical variables, the categories C of each, which then
 *     take C columns of the code each; 0 for real codes
 */
public record LatentLayout(int encoderWidth, int noiseWidth, int codeWidth, int categories) {

    /** Checks that every width is positive and the code holds whole variables. */
    public LatentLayout {
        if (encoderWidth <= 0 || noiseWidth <= 0 || codeWidth <= 0) {
            throw new IllegalArgumentException("latent widths must be positive, got encoder " + encoderWidth
                    + ", noise " + noiseWidth + ", code " + codeWidth);
        }
        if (categories < 0 || categories == 1 || categories > 0 && codeWidth % categories != 0) {
            throw new IllegalArgumentException("a code of width " + codeWidth + " cannot hold variables of "
                    + categories + " categories");
        }
    }

    /** The layout of real codes. */
    public LatentLayout(int encoderWidth, int noiseWidth, int codeWidth) {
        this(encoderWidth, noiseWidth, codeWidth, 0);
    }

    /** Whether the codes are relaxed categorical variables. */
    public boolean isCategorical() {
        return categories > 0;
    }
}
