package dev.vae.network;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.function.BiFunction;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;

/** The nonlinearity between the layers of a network. */
enum Activation {
    /** max(0, x), the tutorial's choice. */
    RELU((sd, x) -> sd.nn.relu(x, 0)),
    /** The hyperbolic tangent. */
    TANH((sd, x) -> sd.math.tanh(x)),
    /** The logistic function. */
    SIGMOID((sd, x) -> sd.nn.sigmoid(x)),
    /** x for x > 0, exp(x) - 1 otherwise. */
    ELU((sd, x) -> sd.nn.elu(x)),
    /**
     * No nonlinearity: encoder and decoder are then linear maps, and with a Gaussian likelihood of
     * fixed variance the model is probabilistic PCA, whose log p(x) has a closed form.
     */
    IDENTITY((sd, x) -> x);

    private final BiFunction<SameDiff, SDVariable, SDVariable> graph;

    Activation(BiFunction<SameDiff, SDVariable, SDVariable> graph) {
        this.graph = graph;
    }

    /** Adds the activation to a graph. */
    SDVariable apply(SameDiff sd, SDVariable x) {
        return graph.apply(sd, x);
    }

    /** The lower-case names, the default first. */
    static List<String> ids() {
        return Arrays.stream(values()).map(a -> a.name().toLowerCase(Locale.ROOT)).toList();
    }

    /** The activation with this lower-case name. */
    static Activation parse(String id) {
        return valueOf(id.toUpperCase(Locale.ROOT));
    }
}
