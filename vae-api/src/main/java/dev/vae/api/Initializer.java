package dev.vae.api;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.random.impl.GaussianDistribution;
import org.nd4j.linalg.api.ops.random.impl.UniformDistribution;
import org.nd4j.linalg.api.rng.Random;
import org.nd4j.linalg.factory.Nd4j;

/**
 * How a declared weight starts: it fills the new array in place, drawing only from the random stream
 * it is given, so that the model's seed fixes every weight.
 */
@FunctionalInterface
public interface Initializer {

    /**
     * @param weight the new weight, of its declared shape and the model's data type; overwritten
     * @param rng the only source of randomness
     */
    void fill(INDArray weight, Random rng);

    /** Every value 0. */
    static Initializer zeros() {
        return constant(0);
    }

    /** Every value {@code value}. */
    static Initializer constant(double value) {
        return (weight, rng) -> weight.assign(value);
    }

    /** Independent draws, uniform in [low, high). */
    static Initializer uniform(double low, double high) {
        return (weight, rng) -> Nd4j.getExecutioner().exec(new UniformDistribution(weight, low, high), rng);
    }

    /** Independent normal draws with this mean and standard deviation. */
    static Initializer normal(double mean, double standardDeviation) {
        return (weight, rng) -> Nd4j.getExecutioner().exec(new GaussianDistribution(weight, mean, standardDeviation), rng);
    }

    /**
     * Uniform in +-1/sqrt(fanIn), PyTorch's default for the kernels and biases of {@code nn.Linear}
     * and {@code nn.Conv2d}.
     *
     * @param fanIn the inputs that each output sums, at least 1
     */
    static Initializer fanInUniform(long fanIn) {
        double limit = 1 / Math.sqrt(fanIn);
        return uniform(-limit, limit);
    }

    /** Uniform in +-sqrt(6/(fanIn+fanOut)), Glorot's scheme and Keras' default for kernels. */
    static Initializer glorotUniform(long fanIn, long fanOut) {
        double limit = Math.sqrt(6.0 / (fanIn + fanOut));
        return uniform(-limit, limit);
    }
}
