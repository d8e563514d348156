package dev.vae.core.training;

import java.nio.FloatBuffer;
import java.util.List;

/**
 * RMSprop's step, performing the float operations of ND4J's {@code RmsPropUpdater} in the same order,
 * followed by the weight's subtraction, so a run gives bit for bit the weights it gave through ND4J's
 * updater and {@code subi}. Its one state array per weight keeps the weight's name in checkpoints.
 */
final class RmsPropUpdate extends InPlaceUpdate {
    private final float learningRate;
    private final float decay;
    private final float epsilon;
    private final float[] g = new float[CHUNK];
    private final float[] s = new float[CHUNK];
    private final float[] w = new float[CHUNK];

    /** The native op casts its double arguments to the arrays' type before any arithmetic. */
    RmsPropUpdate(double learningRate, double decay, double epsilon) {
        super("RMSprop");
        this.learningRate = (float) learningRate;
        this.decay = (float) decay;
        this.epsilon = (float) epsilon;
    }

    @Override
    public List<String> stateNames(String weight) {
        return List.of(weight);
    }

    /** ND4J's RmsPropUpdater starts its state at epsilon rather than 0, as earlier runs did. */
    @Override
    public float initialState() {
        return epsilon;
    }

    /**
     * {@code state = state * decay + g * g * (1 - decay)}, then
     * {@code weight -= (lr * g) / (sqrt(state) + epsilon)}.
     */
    @Override
    void update(FloatBuffer weights, GradientChunks gradients, FloatBuffer[] states, int length, long step) {
        FloatBuffer states0 = states[0];
        float rest = 1 - decay;
        for (int start = 0; start < length; start += CHUNK) {
            int n = Math.min(CHUNK, length - start);
            gradients.read(start, g, n);
            states0.get(start, s, 0, n);
            weights.get(start, w, 0, n);
            // Heap arrays let the JIT vectorize this loop. Java never fuses a multiply and an add, and
            // neither does M2.1's native build for plain x86-64 (RmsPropUpdateTest checks the bits).
            for (int i = 0; i < n; i++) {
                float gi = g[i];
                float si = s[i] * decay + gi * gi * rest;
                s[i] = si;
                w[i] = w[i] - (learningRate * gi) / ((float) Math.sqrt(si) + epsilon);
            }
            states0.put(start, s, 0, n);
            weights.put(start, w, 0, n);
        }
    }
}
