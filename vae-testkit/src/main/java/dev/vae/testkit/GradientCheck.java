package dev.vae.testkit;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The gradients SameDiff computes for a plugin's graph against central differences, in double
 * precision. The graph's output is summed to a scalar; each variable's gradient of that sum is
 * compared element by element with (f(v + h) − f(v − h)) / 2h, within
 * {@code absolute + relative · |numeric|}.
 *
 * <pre>
 * GradientCheck.of((sd, in) -> likelihood.logProb(sd, in.get("x"), in.get("out"), 3))
 *         .constant("x", x)
 *         .variable("out", decoderOut)
 *         .assertMatchesCentralDifferences();
 * </pre>
 */
public final class GradientCheck {

    /** Adds the plugin's operations to a graph whose inputs are given by name. */
    @FunctionalInterface
    public interface Graph {
        SDVariable build(SameDiff sd, Map<String, SDVariable> inputs);
    }

    private final Graph graph;
    private final Map<String, INDArray> constants = new LinkedHashMap<>();
    private final Map<String, INDArray> variables = new LinkedHashMap<>();
    private double step = 1e-6;
    private double absolute = 1e-6;
    private double relative = 1e-5;

    private GradientCheck(Graph graph) {
        this.graph = graph;
    }

    public static GradientCheck of(Graph graph) {
        return new GradientCheck(graph);
    }

    /** An input the gradient is not taken for, such as the data x. */
    public GradientCheck constant(String name, INDArray value) {
        constants.put(name, value.castTo(DataType.DOUBLE).dup());
        return this;
    }

    /** An input whose gradient is checked. */
    public GradientCheck variable(String name, INDArray value) {
        variables.put(name, value.castTo(DataType.DOUBLE).dup());
        return this;
    }

    /** The step h of the central differences; 1e-6 by default. */
    public GradientCheck step(double step) {
        this.step = step;
        return this;
    }

    /** The allowed difference, {@code absolute + relative · |numeric|}; 1e-6 and 1e-5 by default. */
    public GradientCheck tolerance(double absolute, double relative) {
        this.absolute = absolute;
        this.relative = relative;
        return this;
    }

    /**
     * Checks every element of every variable.
     *
     * @return how many elements were checked
     */
    public int assertMatchesCentralDifferences() {
        Map<String, INDArray> analytic = gradients();
        int checked = 0;
        for (Map.Entry<String, INDArray> v : variables.entrySet()) {
            INDArray value = v.getValue();
            for (long i = 0; i < value.length(); i++) {
                double original = value.getDouble(i);
                value.putScalar(i, original + step);
                double up = output();
                value.putScalar(i, original - step);
                double down = output();
                value.putScalar(i, original);
                double numeric = (up - down) / (2 * step);
                INDArray gradient = analytic.get(v.getKey());
                double computed = gradient == null ? 0 : gradient.getDouble(i);
                if (!(Math.abs(computed - numeric) <= absolute + relative * Math.abs(numeric))) {
                    throw new AssertionError("d output / d " + v.getKey() + Arrays.toString(index(value, i))
                            + ": graph gradient " + computed + " but central difference " + numeric + " (h = " + step
                            + ", tolerance " + absolute + " + " + relative + " · |numeric|)");
                }
                checked++;
            }
        }
        return checked;
    }

    private Map<String, INDArray> gradients() {
        SameDiff sd = SameDiff.create();
        SDVariable loss = build(sd);
        sd.setLossVariables(loss);
        return sd.calculateGradients(Map.of(), variables.keySet());
    }

    private double output() {
        SameDiff sd = SameDiff.create();
        SDVariable loss = build(sd);
        return sd.output(Map.of(), loss.name()).get(loss.name()).getDouble(0);
    }

    /** A new graph on copies of the inputs' current values, with the output summed to a scalar. */
    private SDVariable build(SameDiff sd) {
        Map<String, SDVariable> inputs = new LinkedHashMap<>();
        constants.forEach((name, value) -> inputs.put(name, sd.constant(name, value.dup())));
        variables.forEach((name, value) -> inputs.put(name, sd.var(name, value.dup())));
        return graph.build(sd, inputs).sum();
    }

    /** The position of the i-th element in C order, which {@link INDArray#getDouble(long)} follows. */
    private static long[] index(INDArray array, long linear) {
        long[] shape = array.shape();
        long[] index = new long[shape.length];
        for (int d = shape.length - 1; d >= 0; d--) {
            index[d] = linear % shape[d];
            linear /= shape[d];
        }
        return index;
    }
}
