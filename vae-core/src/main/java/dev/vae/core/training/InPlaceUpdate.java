package dev.vae.core.training;

import java.lang.ref.Reference;
import java.nio.FloatBuffer;
import java.util.ArrayList;
import java.util.List;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * A {@link WeightUpdate} computed in Java over the arrays' float buffers, element by element in C
 * order: ND4J 1.0.0-M2.1's native updaters are scalar loops that cost more than their arithmetic,
 * while a plain loop over heap chunks is one the JIT vectorizes.
 */
abstract class InPlaceUpdate implements WeightUpdate {
    /** Elements copied to the heap at a time: small enough to stay in the L1 cache. */
    static final int CHUNK = 1024;

    private final String optimizer;
    /** Working space for summing a gradient's parts, kept between calls: an update serves one thread. */
    private final float[] term = new float[CHUNK];

    /** @param optimizer the optimizer's name, for messages */
    InPlaceUpdate(String optimizer) {
        this.optimizer = optimizer;
    }

    @Override
    public final void apply(INDArray weight, INDArray gradient, List<INDArray> state, long step) {
        apply(weight, List.of(gradient), null, state, step);
    }

    @Override
    public final void apply(INDArray weight, List<INDArray> parts, double[] shares, List<INDArray> state, long step) {
        checkFloat(weight, "weight");
        FloatBuffer[] states = new FloatBuffer[state.size()];
        for (int i = 0; i < states.length; i++) {
            states[i] = checkedState(state.get(i), weight.length());
        }
        // A buffer is read in C order only where the array is dense; other arrays go through a copy.
        INDArray target = isDense(weight) ? weight : weight.dup('c');
        List<INDArray> sources = new ArrayList<>(parts.size());
        FloatBuffer[] buffers = new FloatBuffer[parts.size()];
        for (int p = 0; p < parts.size(); p++) {
            INDArray gradient = parts.get(p);
            checkFloat(gradient, "gradient");
            if (gradient.length() != weight.length()) {
                throw new IllegalArgumentException("a weight of " + weight.length() + " values needs a gradient of as "
                        + "many; it has " + gradient.length());
            }
            sources.add(isDense(gradient) ? gradient : gradient.dup('c'));
            buffers[p] = floats(sources.get(p));
        }
        GradientChunks gradients = shares == null ? GradientChunks.of(buffers[0]) : GradientChunks.sum(buffers, shares, term);
        update(floats(target), gradients, states, Math.toIntExact(weight.length()), step);
        if (target != weight) {
            weight.assign(target);
        }
        // The buffers point into native memory that ND4J frees once its arrays are unreachable.
        Reference.reachabilityFence(target);
        Reference.reachabilityFence(sources);
        Reference.reachabilityFence(state);
    }

    /**
     * The update over buffers of {@code length} floats each, in place in {@code weights} and
     * {@code states}.
     */
    abstract void update(FloatBuffer weights, GradientChunks gradients, FloatBuffer[] states, int length, long step);

    private FloatBuffer checkedState(INDArray state, long length) {
        checkFloat(state, "optimizer state");
        if (state.length() != length) {
            throw new IllegalArgumentException("a weight of " + length + " values needs optimizer states of as many; "
                    + "one has " + state.length());
        }
        if (!isDense(state)) {
            throw new IllegalArgumentException("the optimizer state must be a dense C-order array");
        }
        return floats(state);
    }

    private void checkFloat(INDArray array, String what) {
        if (array.dataType() != DataType.FLOAT) {
            throw new IllegalArgumentException(optimizer + " updates FLOAT weights; a " + what + " is " + array.dataType());
        }
    }

    /**
     * Whether the array's values lie in its own buffer in C order, without gaps. ND4J gives some
     * arrays of extent 1 strides that differ from its own defaults, which do not matter here.
     */
    private static boolean isDense(INDArray array) {
        if (array.isView() || array.data().offset() != 0) {
            return false;
        }
        long[] shape = array.shape();
        long[] stride = array.stride();
        long expected = 1;
        for (int d = shape.length - 1; d >= 0; d--) {
            if (shape[d] != 1 && stride[d] != expected) {
                return false;
            }
            expected *= shape[d];
        }
        return true;
    }

    private static FloatBuffer floats(INDArray array) {
        return array.data().asNioFloat();
    }
}
