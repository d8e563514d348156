package dev.vae.core.training;

import java.lang.ref.Reference;
import java.nio.FloatBuffer;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * RMSprop's step on one FLOAT weight, done in place in Java. ND4J 1.0.0-M2.1's native
 * {@code rms_prop_updater} is a scalar loop that costs more than the arithmetic; this pass performs
 * the same float operations in the same order, followed by the weight's subtraction, so a run gives
 * bit for bit the weights it gave through ND4J's {@code RmsPropUpdater} and {@code subi}. One
 * instance serves one thread: it keeps its working arrays between calls.
 */
final class RmsPropUpdate {
    /** Elements copied to the heap at a time: small enough to stay in the L1 cache. */
    private static final int CHUNK = 1024;

    private final float learningRate;
    private final float decay;
    private final float epsilon;
    private final float[] g = new float[CHUNK];
    private final float[] s = new float[CHUNK];
    private final float[] w = new float[CHUNK];

    /** The native op casts its double arguments to the arrays' type before any arithmetic. */
    RmsPropUpdate(double learningRate, double decay, double epsilon) {
        this.learningRate = (float) learningRate;
        this.decay = (float) decay;
        this.epsilon = (float) epsilon;
    }

    /**
     * {@code state = state * decay + g * g * (1 - decay)}, then
     * {@code weight -= (lr * g) / (sqrt(state) + epsilon)}, element by element in C order; the
     * gradient is left as it was.
     *
     * @param state a contiguous C-order FLOAT array of the weight's length
     * @throws IllegalArgumentException if an array is not FLOAT or the lengths differ
     */
    void apply(INDArray weight, INDArray gradient, INDArray state) {
        checkFloat(weight, "weight");
        checkFloat(gradient, "gradient");
        checkFloat(state, "optimizer state");
        if (gradient.length() != weight.length() || state.length() != weight.length()) {
            throw new IllegalArgumentException("a weight of " + weight.length() + " values needs a gradient and an"
                    + " optimizer state of as many; they have " + gradient.length() + " and " + state.length());
        }
        if (!isDense(state)) {
            throw new IllegalArgumentException("the optimizer state must be a dense C-order array");
        }
        // A buffer is read in C order only where the array is dense; other arrays go through a copy.
        INDArray target = isDense(weight) ? weight : weight.dup('c');
        INDArray source = isDense(gradient) ? gradient : gradient.dup('c');
        update(floats(target), floats(source), floats(state), Math.toIntExact(weight.length()));
        if (target != weight) {
            weight.assign(target);
        }
        // The buffers point into native memory that ND4J frees once its arrays are unreachable.
        Reference.reachabilityFence(target);
        Reference.reachabilityFence(source);
        Reference.reachabilityFence(state);
    }

    private void update(FloatBuffer weights, FloatBuffer gradients, FloatBuffer states, int length) {
        float rest = 1 - decay;
        for (int start = 0; start < length; start += CHUNK) {
            int n = Math.min(CHUNK, length - start);
            gradients.get(start, g, 0, n);
            states.get(start, s, 0, n);
            weights.get(start, w, 0, n);
            // Heap arrays let the JIT vectorize this loop. Java never fuses a multiply and an add, and
            // neither does M2.1's native build for plain x86-64 (RmsPropUpdateTest checks the bits).
            for (int i = 0; i < n; i++) {
                float gi = g[i];
                float si = s[i] * decay + gi * gi * rest;
                s[i] = si;
                w[i] = w[i] - (learningRate * gi) / ((float) Math.sqrt(si) + epsilon);
            }
            states.put(start, s, 0, n);
            weights.put(start, w, 0, n);
        }
    }

    private static void checkFloat(INDArray array, String what) {
        if (array.dataType() != DataType.FLOAT) {
            throw new IllegalArgumentException("RMSprop updates FLOAT weights; a " + what + " is " + array.dataType());
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
