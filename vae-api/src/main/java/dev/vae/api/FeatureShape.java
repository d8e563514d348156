package dev.vae.api;

/**
 * The shape of one example's features as a network sees them: {@code channels} planes of
 * {@code height} by {@code width} values, flattened channel by channel, row by row (C, H, W order).
 * A plain vector of n values is {@code [n, 1, 1]}.
 *
 * @param channels at least 1
 * @param height at least 1
 * @param width at least 1
 */
public record FeatureShape(int channels, int height, int width) {

    /** Checks that every extent is positive. */
    public FeatureShape {
        if (channels < 1 || height < 1 || width < 1) {
            throw new IllegalArgumentException("feature shape must be positive, got " + channels + "x" + height + "x" + width);
        }
    }

    /** A vector of {@code size} values. */
    public static FeatureShape vector(int size) {
        return new FeatureShape(size, 1, 1);
    }

    /** Whether the features are images, with a height or a width above 1. */
    public boolean isImage() {
        return height > 1 || width > 1;
    }

    /** The number of values, C x H x W. */
    public int size() {
        return Math.multiplyExact(Math.multiplyExact(channels, height), width);
    }

    @Override
    public String toString() {
        return isImage() ? channels + "x" + height + "x" + width : Integer.toString(channels);
    }
}
