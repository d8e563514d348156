package dev.vae.core.training;

import java.nio.FloatBuffer;

/**
 * A weight's gradient read chunk by chunk by an optimizer's pass: one gradient as it is, or the
 * gradients of a batch's parts summed as the batch's, {@code sum_p share_p * part_p} in the parts'
 * order, so that the sum is never written out and a given split always gives the same bits.
 */
final class GradientChunks {
    private final FloatBuffer[] parts;
    private final float[] shares;
    private final float[] term;

    private GradientChunks(FloatBuffer[] parts, float[] shares, float[] term) {
        this.parts = parts;
        this.shares = shares;
        this.term = term;
    }

    /** One gradient, read as it is. */
    static GradientChunks of(FloatBuffer gradient) {
        return new GradientChunks(new FloatBuffer[] {gradient}, null, null);
    }

    /**
     * The parts' gradients weighted by their shares of the batch, cast to float as the sum is taken in float.
     *
     * @param term working space of a chunk's length, the caller's own
     */
    static GradientChunks sum(FloatBuffer[] parts, double[] shares, float[] term) {
        float[] weights = new float[shares.length];
        for (int p = 0; p < shares.length; p++) {
            weights[p] = (float) shares[p];
        }
        return new GradientChunks(parts, weights, term);
    }

    /** Reads {@code n} values of the gradient from {@code start} into {@code into}. */
    void read(int start, float[] into, int n) {
        parts[0].get(start, into, 0, n);
        if (shares == null) {
            return;
        }
        float first = shares[0];
        for (int i = 0; i < n; i++) {
            into[i] *= first;
        }
        for (int p = 1; p < parts.length; p++) {
            parts[p].get(start, term, 0, n);
            float share = shares[p];
            // Heap arrays let the JIT vectorize the loop.
            for (int i = 0; i < n; i++) {
                into[i] += share * term[i];
            }
        }
    }
}
