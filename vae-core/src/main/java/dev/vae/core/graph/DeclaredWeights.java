package dev.vae.core.graph;

import dev.vae.api.Initializer;
import dev.vae.api.WeightScope;
import dev.vae.core.plugin.PluginException;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.function.BiConsumer;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;
import java.util.regex.Pattern;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.autodiff.samediff.VariableType;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ops.impl.controlflow.compat.StopGradient;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.rng.Random;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Every weight of a model graph, whichever component declared it, in the order of declaration:
 * what the trainer updates, the model file saves and loads, and the summary counts. Each component
 * declares through a {@link WeightScope} of its own, whose names it prefixes with the component's;
 * a graph variable that appears while a component builds without being declared is refused.
 */
public final class DeclaredWeights {
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9._-]+");

    /** Where a declared weight's values come from. */
    public interface Source {
        SDVariable create(SameDiff sd, String name, long[] shape, Initializer initializer);
    }

    private final SameDiff sd;
    private final Source source;
    private final Map<String, long[]> shapes = new LinkedHashMap<>();

    public DeclaredWeights(SameDiff sd, Source source) {
        this.sd = sd;
        this.source = source;
    }

    /** Weights drawn by their initializers from {@code rng}, in declaration order. */
    public static Source initial(DataType type, Random rng) {
        return (sd, name, shape, initializer) -> {
            INDArray array = Nd4j.create(type, shape);
            initializer.fill(array, rng);
            return sd.var(name, array);
        };
    }

    /**
     * Weights from saved arrays.
     *
     * @throws IllegalArgumentException at declaration, if the array is missing or of another shape
     */
    static Source saved(Map<String, INDArray> arrays, DataType type) {
        return (sd, name, shape, initializer) -> {
            INDArray array = arrays.get(name);
            if (array == null || !Arrays.equals(array.shape(), shape)) {
                throw new IllegalArgumentException("weight " + name + " is " + (array == null ? "missing"
                        : "of shape " + Arrays.toString(array.shape())) + "; expected " + Arrays.toString(shape));
            }
            return sd.var(name, array.castTo(type));
        };
    }

    /** Placeholders in place of weights: the graph's shapes without allocating a weight. */
    static Source shapesOnly(DataType type) {
        return (sd, name, shape, initializer) -> sd.placeHolder(name, type, shape);
    }

    /** The scope in which {@code owner} declares its weights, named {@code owner.NAME}. */
    public WeightScope scope(String owner) {
        return scope(owner, UnaryOperator.identity());
    }

    /**
     * The scope of {@code owner} with gradients stopped at its weights: a component built in it
     * computes with the same weights, but a loss of its output does not train them.
     */
    WeightScope frozenScope(String owner) {
        return scope(owner, w -> new StopGradient(sd, w).outputVariable());
    }

    private WeightScope scope(String owner, UnaryOperator<SDVariable> use) {
        return new WeightScope() {
            @Override
            public SameDiff sameDiff() {
                return sd;
            }

            @Override
            public SDVariable declare(String name, long[] shape, Initializer initializer) {
                return use.apply(DeclaredWeights.this.declare(owner, name, shape, initializer));
            }
        };
    }

    /** Whether a weight of this full name, such as {@code encoder.0.W}, was declared. */
    boolean has(String name) {
        return shapes.containsKey(name);
    }

    private SDVariable declare(String owner, String name, long[] shape, Initializer initializer) {
        String full = owner + "." + name;
        if (!NAME.matcher(name).matches()) {
            throw new IllegalArgumentException(owner + " declares a weight named '" + name
                    + "'; names are letters, digits, '.', '_' and '-'");
        }
        if (shape.length == 0 || Arrays.stream(shape).anyMatch(d -> d < 1)) {
            throw new IllegalArgumentException(owner + " declares weight " + name + " of shape " + Arrays.toString(shape)
                    + "; every dimension must be at least 1");
        }
        long[] earlier = shapes.putIfAbsent(full, shape.clone());
        if (earlier == null) {
            return source.create(sd, full, shape, initializer);
        }
        if (!Arrays.equals(earlier, shape)) {
            throw new IllegalArgumentException(owner + " declares weight " + name + " as " + Arrays.toString(shape)
                    + " after declaring it as " + Arrays.toString(earlier));
        }
        return sd.getVariable(full);
    }

    /**
     * Runs one component's part of building the graph and refuses a variable it made outside its
     * scope, which no optimizer would train and no model file would keep.
     *
     * @param component how to name the component in the message, such as {@code likelihood gaussian}
     * @throws PluginException naming the component and the variable
     */
    <T> T building(String component, Supplier<T> build) {
        Set<String> before = variables();
        T built = build.get();
        for (String name : variables()) {
            if (!before.contains(name) && !shapes.containsKey(name)) {
                throw new PluginException("the " + component + " made the graph variable '" + name
                        + "' without declaring it as a weight (WeightScope.declare), so it would be neither trained "
                        + "nor saved");
            }
        }
        return built;
    }

    private Set<String> variables() {
        Set<String> names = new HashSet<>();
        for (SDVariable v : sd.variables()) {
            if (v.getVariableType() == VariableType.VARIABLE) {
                names.add(v.name());
            }
        }
        return names;
    }

    /** Each weight's name and current array, in declaration order. */
    void forEach(BiConsumer<String, INDArray> action) {
        shapes.keySet().forEach(name -> action.accept(name, sd.getArrForVarName(name)));
    }

    /** How many values the weights of {@code owner} hold. */
    public long count(String owner) {
        return shapes.entrySet().stream().filter(e -> e.getKey().startsWith(owner + "."))
                .mapToLong(e -> Arrays.stream(e.getValue()).reduce(1, Math::multiplyExact)).sum();
    }

    /** Each weight's shape, in declaration order. */
    Map<String, long[]> shapes() {
        Map<String, long[]> copy = new LinkedHashMap<>();
        shapes.forEach((name, shape) -> copy.put(name, shape.clone()));
        return copy;
    }
}
