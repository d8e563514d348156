package dev.vae.testkit;

import dev.vae.api.Initializer;
import dev.vae.api.WeightScope;
import java.util.Arrays;
import java.util.Map;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;

/**
 * A {@link WeightScope} whose weights are the {@link GradientCheck} inputs of the same names, so that
 * the check varies a component's declared weights like any other input.
 *
 * <pre>
 * GradientCheck.of((sd, in) -> prior.logDensity(new InputWeights(sd, in), in.get("z"), layout, Optional.empty()))
 *         .variable("z", z).variable("means", means)
 *         .assertMatchesCentralDifferences();
 * </pre>
 *
 * @param sameDiff the graph of the check
 * @param inputs the check's inputs by name
 */
public record InputWeights(SameDiff sameDiff, Map<String, SDVariable> inputs) implements WeightScope {

    /**
     * The input of this name.
     *
     * @throws AssertionError if there is none of this shape
     */
    @Override
    public SDVariable declare(String name, long[] shape, Initializer initializer) {
        SDVariable input = inputs.get(name);
        if (input == null || !Arrays.equals(input.getShape(), shape)) {
            throw new AssertionError("weight " + name + " " + Arrays.toString(shape) + " is not among the inputs");
        }
        return input;
    }
}
