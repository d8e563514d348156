package dev.vae.core;

import java.util.Arrays;
import java.util.Locale;

/**
 * The rule that turns each step's gradients into weight updates, with Keras' defaults: RMSprop (rho
 * 0.9, epsilon 1e-7), the tutorial's, or Adam (beta_1 0.9, beta_2 0.999, epsilon 1e-7).
 */
public enum Optimizer {
    RMSPROP(1e-3),
    ADAM(1e-3);

    private final double defaultLearningRate;

    Optimizer(double defaultLearningRate) {
        this.defaultLearningRate = defaultLearningRate;
    }

    /** The step size a configuration takes when none is given: Keras' default. */
    public double defaultLearningRate() {
        return defaultLearningRate;
    }

    /** The name users choose it by: {@code rmsprop} or {@code adam}. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * The optimizer of this name.
     *
     * @throws IllegalArgumentException for another name, listing the choices
     */
    public static Optimizer parse(String name) {
        for (Optimizer o : values()) {
            if (o.label().equals(name)) {
                return o;
            }
        }
        throw new IllegalArgumentException("unknown optimizer '" + name + "'; available: "
                + String.join(", ", Arrays.stream(values()).map(Optimizer::label).sorted().toList()));
    }

    @Override
    public String toString() {
        return label();
    }
}
