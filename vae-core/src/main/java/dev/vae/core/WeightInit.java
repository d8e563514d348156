package dev.vae.core;

import java.util.Arrays;
import java.util.Locale;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.random.impl.UniformDistribution;
import org.nd4j.linalg.api.rng.Random;
import org.nd4j.linalg.factory.Nd4j;

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

    /** A new kernel [in, out]. */
    INDArray kernel(int in, int out, DataType type, Random rng) {
        double limit = this == FAN_IN_UNIFORM ? 1 / Math.sqrt(in) : Math.sqrt(6.0 / (in + out));
        return uniform(Nd4j.create(type, in, out), limit, rng);
    }

    /** A new bias [out]. */
    INDArray bias(int in, int out, DataType type, Random rng) {
        INDArray bias = Nd4j.zeros(type, out);
        return this == FAN_IN_UNIFORM ? uniform(bias, 1 / Math.sqrt(in), rng) : bias;
    }

    private static INDArray uniform(INDArray array, double limit, Random rng) {
        Nd4j.getExecutioner().exec(new UniformDistribution(array, -limit, limit), rng);
        return array;
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
