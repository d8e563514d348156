package dev.vae.api;

/**
 * A closed interval of data values, such as the [0, 1] that a Bernoulli likelihood needs.
 *
 * @param min the smallest value allowed, or negative infinity
 * @param max the largest value allowed, or positive infinity
 */
public record ValueRange(double min, double max) {

    /** All real numbers. */
    public static final ValueRange REALS = new ValueRange(Double.NEGATIVE_INFINITY, Double.POSITIVE_INFINITY);

    /** Checks that the interval is ordered. */
    public ValueRange {
        if (!(min <= max)) {
            throw new IllegalArgumentException("range [" + min + ", " + max + "] is empty");
        }
    }

    /** Whether the interval holds a value. */
    public boolean contains(double value) {
        return value >= min && value <= max;
    }
}
