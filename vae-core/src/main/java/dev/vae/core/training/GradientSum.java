package dev.vae.core.training;

import java.lang.ref.Reference;
import java.nio.FloatBuffer;
import java.util.List;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The gradient of a whole batch from its parts' gradients: each part's is the gradient of its mean
 * loss, so the batch's is their sum weighted by the parts' shares of the examples. The sum is taken in
 * the parts' order, element by element, so that a given split always gives the same bits.
 */
final class GradientSum {
    /** Elements copied to the heap at a time: small enough to stay in the L1 cache. */
    private static final int CHUNK = 1024;

    private GradientSum() {
    }

    /**
     * Overwrites {@code parts.get(0)} with {@code sum_i shares[i] * parts.get(i)}.
     *
     * @param parts FLOAT or DOUBLE arrays of one shape
     */
    static INDArray intoFirst(List<INDArray> parts, double[] shares) {
        INDArray first = parts.get(0);
        if (first.dataType() == DataType.FLOAT && parts.stream().allMatch(GradientSum::isDense)) {
            sumFloats(parts, shares);
        } else {
            first.muli(shares[0]);
            for (int i = 1; i < parts.size(); i++) {
                first.addi(parts.get(i).mul(shares[i]));
            }
        }
        return first;
    }

    private static void sumFloats(List<INDArray> parts, double[] shares) {
        int n = Math.toIntExact(parts.get(0).length());
        FloatBuffer target = parts.get(0).data().asNioFloat();
        float[] sum = new float[CHUNK];
        float[] term = new float[CHUNK];
        FloatBuffer[] sources = new FloatBuffer[parts.size()];
        for (int p = 1; p < parts.size(); p++) {
            sources[p] = parts.get(p).data().asNioFloat();
        }
        for (int start = 0; start < n; start += CHUNK) {
            int count = Math.min(CHUNK, n - start);
            target.get(start, sum, 0, count);
            float first = (float) shares[0];
            for (int i = 0; i < count; i++) {
                sum[i] *= first;
            }
            for (int p = 1; p < parts.size(); p++) {
                sources[p].get(start, term, 0, count);
                float share = (float) shares[p];
                // Heap arrays let the JIT vectorize the loop.
                for (int i = 0; i < count; i++) {
                    sum[i] += share * term[i];
                }
            }
            target.put(start, sum, 0, count);
        }
        // The buffers point into native memory that ND4J frees once its arrays are unreachable.
        Reference.reachabilityFence(parts);
    }

    private static boolean isDense(INDArray array) {
        return !array.isView() && array.data().offset() == 0 && array.ordering() == 'c';
    }
}
