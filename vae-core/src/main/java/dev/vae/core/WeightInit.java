package dev.vae.core;

import dev.vae.api.Initializer;
import java.util.Arrays;
import java.util.Locale;

/** How the weights of a dense layer with {@code in} inputs and {@code out} outputs start. */
public enum WeightInit {
    /**
     * Kernel and bias uniform in +-1/sqrt(in), PyTorch's default for {@code nn.Linear}. On the
     * tutorial's model it reaches the PyTorch reference's NELBO in 50 epochs; Glorot's smaller
     * first decoder layer (2 inputs) trains measurably slower there.
     */
    FAN_IN_UNIFORM,
    /** Kernel uniform in +-sqrt(6/(in+out)), zero bias: Keras' default for {@code Dense}. */
    GLOROT_UNIFORM;

    /** How a kernel [in, out] starts. */
    public Initializer kernel(int in, int out) {
        double limit = this == FAN_IN_UNIFORM ? 1 / Math.sqrt(in) : Math.sqrt(6.0 / (in + out));
        return Initializer.uniform(-limit, limit);
    }

    /** How a bias [out] starts. */
    public Initializer bias(int in) {
        return this == FAN_IN_UNIFORM ? Initializer.uniform(-1 / Math.sqrt(in), 1 / Math.sqrt(in)) : Initializer.zeros();
    }

    /** The lower-case name used in configurations, with dashes. */
    public String id() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /**
     * The scheme with this name.
     *
     * @throws IllegalArgumentException listing the names that exist
     */
    public static WeightInit parse(String name) {
        for (WeightInit w : values()) {
            if (w.id().equalsIgnoreCase(name.trim())) {
                return w;
            }
        }
        throw new IllegalArgumentException("unknown weight init '" + name + "'; expected one of "
                + Arrays.stream(values()).map(WeightInit::id).toList());
    }
}
