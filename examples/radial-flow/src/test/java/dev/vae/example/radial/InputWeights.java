package dev.vae.example.radial;

import dev.vae.api.Initializer;
import dev.vae.api.WeightScope;
import java.util.Arrays;
import java.util.Map;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;

/** Weights that are the graph inputs of the same names, so that GradientCheck varies them. */
record InputWeights(SameDiff sameDiff, Map<String, SDVariable> inputs) implements WeightScope {

    @Override
    public SDVariable declare(String name, long[] shape, Initializer initializer) {
        SDVariable input = inputs.get(name);
        if (input == null || !Arrays.equals(input.getShape(), shape)) {
            throw new AssertionError("weight " + name + " " + Arrays.toString(shape) + " is not among the inputs");
        }
        return input;
    }
}
