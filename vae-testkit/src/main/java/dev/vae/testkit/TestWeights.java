package dev.vae.testkit;

import dev.vae.api.Initializer;
import dev.vae.api.WeightScope;
import dev.vae.api.WeightValues;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.rng.Random;
import org.nd4j.linalg.factory.Nd4j;

/**
 * A {@link WeightScope} for a plugin's own tests: each declared weight becomes a graph variable in
 * double precision, filled by its initializer from a seeded stream, or with a value the test sets
 * beforehand. A second declaration of a name returns the same variable, as in the framework.
 *
 * <pre>
 * SameDiff sd = SameDiff.create();
 * TestWeights weights = TestWeights.in(sd, 1).set("means", Nd4j.createFromArray(new double[][] {{0, 1}}));
 * SDVariable logP = prior.logDensity(weights, z, layout, Optional.empty());
 * </pre>
 */
public final class TestWeights implements WeightScope {
    private final SameDiff sd;
    private final Random rng;
    private final Map<String, INDArray> preset = new LinkedHashMap<>();
    private final Map<String, long[]> declared = new LinkedHashMap<>();

    private TestWeights(SameDiff sd, long seed) {
        this.sd = sd;
        this.rng = Nd4j.getRandomFactory().getNewRandomInstance(seed);
    }

    /** Weights in {@code sd}, initialized from a stream of this seed. */
    public static TestWeights in(SameDiff sd, long seed) {
        return new TestWeights(sd, seed);
    }

    /** Gives the weight {@code name}, when it is declared, this value in place of its initializer's. */
    public TestWeights set(String name, INDArray value) {
        preset.put(name, value.castTo(DataType.DOUBLE).dup());
        return this;
    }

    @Override
    public SameDiff sameDiff() {
        return sd;
    }

    @Override
    public SDVariable declare(String name, long[] shape, Initializer initializer) {
        long[] earlier = declared.putIfAbsent(name, shape.clone());
        if (earlier != null) {
            if (!Arrays.equals(earlier, shape)) {
                throw new AssertionError("weight " + name + " declared as " + Arrays.toString(shape) + " after "
                        + Arrays.toString(earlier));
            }
            return sd.getVariable(name);
        }
        INDArray value = preset.get(name);
        if (value == null) {
            value = Nd4j.create(DataType.DOUBLE, shape);
            initializer.fill(value, rng);
        } else if (!Arrays.equals(value.shape(), shape)) {
            throw new AssertionError("weight " + name + " is declared as " + Arrays.toString(shape) + " but the test set "
                    + Arrays.toString(value.shape()));
        }
        return sd.var(name, value);
    }

    /** The declared weights' shapes, in declaration order. */
    public Map<String, long[]> declared() {
        return Collections.unmodifiableMap(new LinkedHashMap<>(declared));
    }

    /** The current values of the declared weights, as a component reads them outside the graph. */
    public WeightValues values() {
        return name -> {
            if (!declared.containsKey(name)) {
                throw new IllegalArgumentException("no weight " + name + " was declared");
            }
            return sd.getArrForVarName(name);
        };
    }
}
