package dev.vae.core.graph;

import dev.vae.api.WeightScope;
import dev.vae.core.Activation;
import dev.vae.core.ModelSummary;
import dev.vae.core.WeightInit;
import java.util.ArrayList;
import java.util.List;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.controlflow.compat.StopGradient;

/**
 * A stack of dense layers, the activation after each but the last, whose weights live in a SameDiff
 * graph under the names {@code NAME.I.W} and {@code NAME.I.b}. The same weights serve the training
 * graph and plain array inference.
 */
public final class Mlp {
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

    /** Declares the layers' kernels and biases, layer by layer, kernel first. */
    void declare(WeightScope scope, WeightInit init) {
        for (int i = 0; i < layers(); i++) {
            int in = widths.get(i);
            int out = widths.get(i + 1);
            scope.declare(i + ".W", new long[] {in, out}, init.kernel(in, out));
            scope.declare(i + ".b", new long[] {out}, init.bias(in));
        }
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
    public INDArray forward(SameDiff sd, INDArray in) {
        INDArray h = in;
        for (int i = 0; i < layers(); i++) {
            h = h.mmul(sd.getArrForVarName(kernel(i))).addiRowVector(sd.getArrForVarName(bias(i)));
            if (i < layers() - 1) {
                h = activation.apply(h);
            }
        }
        return h;
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
