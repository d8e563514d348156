package dev.vae.core;

import java.util.Arrays;
import java.util.Locale;
import java.util.function.BiFunction;
import java.util.function.Function;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.ops.transforms.Transforms;

/** The nonlinearity between the hidden layers of encoder and decoder, in the graph and on arrays. */
public enum Activation {
    /** max(0, x), the tutorial's choice. */
    RELU((sd, x) -> sd.nn.relu(x, 0), x -> Transforms.relu(x, true)),
    /** The hyperbolic tangent. */
    TANH((sd, x) -> sd.math.tanh(x), x -> Transforms.tanh(x, true)),
    /** The logistic function. */
    SIGMOID((sd, x) -> sd.nn.sigmoid(x), x -> Transforms.sigmoid(x, true)),
    /** x for x > 0, exp(x) - 1 otherwise. */
    ELU((sd, x) -> sd.nn.elu(x), x -> Transforms.elu(x, true)),
    /**
     * No nonlinearity: encoder and decoder are then linear maps, and with a Gaussian likelihood of
     * fixed variance the model is probabilistic PCA, whose log p(x) has a closed form.
     */
    IDENTITY((sd, x) -> x, x -> x);

    private final BiFunction<SameDiff, SDVariable, SDVariable> graph;
    private final Function<INDArray, INDArray> array;

    Activation(BiFunction<SameDiff, SDVariable, SDVariable> graph, Function<INDArray, INDArray> array) {
        this.graph = graph;
        this.array = array;
    }

    /** Adds the activation to a graph. */
    public SDVariable apply(SameDiff sd, SDVariable x) {
        return graph.apply(sd, x);
    }

    /** Applies the activation to a copy of an array. */
    public INDArray apply(INDArray x) {
        return array.apply(x);
    }

    /** The lower-case name used in configurations. */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * The activation with this name, in any case.
     *
     * @throws IllegalArgumentException listing the names that exist
     */
    public static Activation parse(String name) {
        for (Activation a : values()) {
            if (a.id().equalsIgnoreCase(name.trim())) {
                return a;
            }
        }
        throw new IllegalArgumentException("unknown activation '" + name + "'; expected one of "
                + Arrays.stream(values()).map(Activation::id).toList());
    }
}
