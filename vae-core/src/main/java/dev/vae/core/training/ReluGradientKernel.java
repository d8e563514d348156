package dev.vae.core.training;

import java.lang.ref.Reference;
import java.nio.FloatBuffer;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.OpContext;
import org.nd4j.linalg.api.ops.impl.transforms.gradient.ThresholdReluBp;

/**
 * libnd4j's {@code thresholdedrelu_bp}, the gradient of a ReLU, computed in Java: M2.1's kernel calls a
 * {@code std::function} for each element, about 7 ns each, which made it the largest element-wise cost
 * of an MLP's step. The kernel selects the incoming gradient where the input exceeds the threshold and
 * zero elsewhere, comparing in double as the native lambda does; selecting copies bits, so the result is
 * the native kernel's, bit for bit (the plan's lockstep tests compare them).
 */
final class ReluGradientKernel {
    /** Elements copied to the heap at a time: small enough to stay in the L1 cache. */
    private static final int CHUNK = 1024;

    private final float[] x = new float[CHUNK];
    private final float[] g = new float[CHUNK];
    private final float[] out = new float[CHUNK];

    /**
     * Computes the op into its context's output if its arrays are dense FLOAT arrays of one shape.
     *
     * @return false, having done nothing, for arrays the kernel does not handle
     */
    boolean tryRun(ThresholdReluBp op, OpContext ctx) {
        if (ctx.numInputArguments() != 2 || ctx.numOutputArguments() != 1) {
            return false;
        }
        INDArray input = ctx.getInputArray(0);
        INDArray gradient = ctx.getInputArray(1);
        INDArray output = ctx.getOutputArray(0);
        if (!handles(input, output) || !handles(gradient, output) || !handles(output, output)) {
            return false;
        }
        double threshold = op.tArgs().length > 0 ? op.tArgs()[0] : 0;
        select(input.data().asNioFloat(), gradient.data().asNioFloat(), output.data().asNioFloat(),
                Math.toIntExact(output.length()), threshold);
        // The buffers point into native memory that ND4J frees once its arrays are unreachable.
        Reference.reachabilityFence(input);
        Reference.reachabilityFence(gradient);
        Reference.reachabilityFence(output);
        return true;
    }

    private void select(FloatBuffer inputs, FloatBuffer gradients, FloatBuffer outputs, int length, double threshold) {
        float single = (float) threshold;
        // A float compares with a double as with that double rounded to float when the rounding is exact,
        // and a comparison of floats is one the JIT vectorizes.
        boolean exact = single == threshold;
        for (int start = 0; start < length; start += CHUNK) {
            int n = Math.min(CHUNK, length - start);
            inputs.get(start, x, 0, n);
            gradients.get(start, g, 0, n);
            if (exact) {
                for (int i = 0; i < n; i++) {
                    out[i] = x[i] > single ? g[i] : 0f;
                }
            } else {
                for (int i = 0; i < n; i++) {
                    out[i] = x[i] > threshold ? g[i] : 0f;
                }
            }
            outputs.put(start, out, 0, n);
        }
    }

    private static boolean handles(INDArray array, INDArray output) {
        return array.dataType() == DataType.FLOAT && !array.isView() && array.data().offset() == 0
                && array.ordering() == 'c' && array.length() == output.length()
                && java.util.Arrays.equals(array.shape(), output.shape()) && array.length() == array.data().length();
    }
}
