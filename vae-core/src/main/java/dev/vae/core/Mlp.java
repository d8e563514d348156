package dev.vae.core;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.controlflow.compat.StopGradient;
import org.nd4j.linalg.api.rng.Random;

/**
 * A stack of dense layers, the activation after each but the last, whose weights live in a SameDiff
 * graph under the names {@code NAME.I.W} and {@code NAME.I.b}. The same weights serve the training
 * graph and plain array inference.
 */
final class Mlp {
    private final String name;
    private final List<Integer> widths;
    private final Activation activation;

    /**
     * @param name prefix of the weight names
     * @param widths input width, hidden widths, output width
     */
    Mlp(String name, List<Integer> widths, Activation activation) {
        this.name = name;
        this.widths = List.copyOf(widths);
        this.activation = activation;
    }

    /** Adds freshly initialized weights to the graph. */
    void initialize(SameDiff sd, WeightInit init, Random rng, DataType type) {
        for (int i = 0; i < layers(); i++) {
            int in = widths.get(i);
            int out = widths.get(i + 1);
            sd.var(kernel(i), init.kernel(in, out, type, rng));
            sd.var(bias(i), init.bias(in, out, type, rng));
        }
    }

    /** Adds saved weights to the graph, checking their shapes. */
    void restore(SameDiff sd, Map<String, INDArray> arrays, DataType type) {
        for (int i = 0; i < layers(); i++) {
            sd.var(kernel(i), checked(arrays, kernel(i), widths.get(i), widths.get(i + 1)).castTo(type));
            sd.var(bias(i), checked(arrays, bias(i), widths.get(i + 1)).castTo(type));
        }
    }

    private static INDArray checked(Map<String, INDArray> arrays, String key, long... shape) {
        INDArray a = arrays.get(key);
        if (a == null || !java.util.Arrays.equals(a.shape(), shape)) {
            throw new IllegalArgumentException("weight " + key + " is " + (a == null ? "missing"
                    : "of shape " + java.util.Arrays.toString(a.shape())) + "; expected " + java.util.Arrays.toString(shape));
        }
        return a;
    }

    /** The network applied to a graph variable of shape [N, input width]. */
    SDVariable forward(SameDiff sd, SDVariable in) {
        return forward(sd, in, false);
    }

    /**
     * The network applied to a graph variable of shape [N, input width].
     *
     * @param frozen whether gradients stop at the weights, so that a loss computed from this output
     *     trains whatever produced {@code in} but not this network
     */
    SDVariable forward(SameDiff sd, SDVariable in, boolean frozen) {
        SDVariable h = in;
        for (int i = 0; i < layers(); i++) {
            h = h.mmul(weight(sd, kernel(i), frozen)).add(weight(sd, bias(i), frozen));
            if (i < layers() - 1) {
                h = activation.apply(sd, h);
            }
        }
        return h;
    }

    private static SDVariable weight(SameDiff sd, String name, boolean frozen) {
        SDVariable w = sd.getVariable(name);
        return frozen ? new StopGradient(sd, w).outputVariable() : w;
    }

    /** The network applied to an array of shape [N, input width], reading the graph's current weights. */
    INDArray forward(SameDiff sd, INDArray in) {
        INDArray h = in;
        for (int i = 0; i < layers(); i++) {
            h = h.mmul(sd.getArrForVarName(kernel(i))).addiRowVector(sd.getArrForVarName(bias(i)));
            if (i < layers() - 1) {
                h = activation.apply(h);
            }
        }
        return h;
    }

    /** The weight names, layer by layer. */
    List<String> parameterNames() {
        List<String> names = new ArrayList<>();
        for (int i = 0; i < layers(); i++) {
            names.add(kernel(i));
            names.add(bias(i));
        }
        return names;
    }

    /** One summary row per layer; the last layer's kind is {@code lastKind}. */
    List<ModelSummary.Layer> summary(String lastKind) {
        List<ModelSummary.Layer> rows = new ArrayList<>();
        for (int i = 0; i < layers(); i++) {
            int in = widths.get(i);
            int out = widths.get(i + 1);
            String kind = i < layers() - 1 ? "dense " + activation.id() : lastKind;
            rows.add(new ModelSummary.Layer(name + "." + i, kind, out, (long) in * out + out));
        }
        return rows;
    }

    /** The widths, input first. */
    List<Integer> widths() {
        return widths;
    }

    private int layers() {
        return widths.size() - 1;
    }

    private String kernel(int layer) {
        return name + "." + layer + ".W";
    }

    private String bias(int layer) {
        return name + "." + layer + ".b";
    }
}
