package dev.vae.api;

import java.util.Objects;
import org.nd4j.autodiff.samediff.SDVariable;

/**
 * How a family of relaxed categorical codes places them: each latent variable is a point of the
 * simplex over {@code categories} values, drawn at {@code temperature}. A prior over such codes needs
 * both to give their density (the Concrete distribution of Maddison et al. 2017), and the codes'
 * logarithms, which the family computes exactly where a code's small entries underflow to 0.
 *
 * @param categories C, at least 2
 * @param temperature tau, a scalar of the graph
 * @param logCodes log z, of the shape of the codes, [K, B, codeWidth]
 */
public record Relaxation(int categories, SDVariable temperature, SDVariable logCodes) {

    /** Checks the values. */
    public Relaxation {
        Objects.requireNonNull(temperature, "temperature");
        Objects.requireNonNull(logCodes, "logCodes");
        if (categories < 2) {
            throw new IllegalArgumentException("categories must be at least 2, got " + categories);
        }
    }
}
