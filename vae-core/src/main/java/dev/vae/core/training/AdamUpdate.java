package dev.vae.core.training;

import java.nio.FloatBuffer;
import java.util.List;

/**
 * Adam's step as Keras 3.16 computes it ({@code keras/src/optimizers/adam.py}, without amsgrad), in
 * its float operations and their order: with t the step counted from 1,
 * {@code alpha = lr * sqrt(1 - beta_2^t) / (1 - beta_1^t)}, {@code m += (g - m) * (1 - beta_1)},
 * {@code v += (g^2 - v) * (1 - beta_2)}, {@code w -= (m * alpha) / (sqrt(v) + epsilon)}, where
 * epsilon is the paper's "epsilon hat". Its two state arrays per weight, the first and second moments,
 * start at 0.
 */
final class AdamUpdate extends InPlaceUpdate {
    private final float learningRate;
    private final float beta1;
    private final float beta2;
    private final float epsilon;
    private final float oneMinusBeta1;
    private final float oneMinusBeta2;
    private final float[] g = new float[CHUNK];
    private final float[] m = new float[CHUNK];
    private final float[] v = new float[CHUNK];
    private final float[] w = new float[CHUNK];

    /**
     * Keras casts the learning rate and the betas to the weight's type, and 1 - beta, computed from
     * the Python floats, becomes one when it multiplies a float tensor.
     */
    AdamUpdate(double learningRate, double beta1, double beta2, double epsilon) {
        super("Adam");
        this.learningRate = (float) learningRate;
        this.beta1 = (float) beta1;
        this.beta2 = (float) beta2;
        this.epsilon = (float) epsilon;
        this.oneMinusBeta1 = (float) (1 - beta1);
        this.oneMinusBeta2 = (float) (1 - beta2);
    }

    /** Keras' names for them: momentum and velocity. */
    @Override
    public List<String> stateNames(String weight) {
        return List.of("m." + weight, "v." + weight);
    }

    @Override
    public float initialState() {
        return 0;
    }

    @Override
    void update(FloatBuffer weights, GradientChunks gradients, FloatBuffer[] states, int length, long step) {
        // Keras raises the betas to the float step count.
        double t = (float) (step + 1);
        float beta1Power = (float) Math.pow(beta1, t);
        float beta2Power = (float) Math.pow(beta2, t);
        float alpha = learningRate * (float) Math.sqrt(1 - beta2Power) / (1 - beta1Power);
        FloatBuffer moments = states[0];
        FloatBuffer velocities = states[1];
        for (int start = 0; start < length; start += CHUNK) {
            int n = Math.min(CHUNK, length - start);
            gradients.read(start, g, n);
            moments.get(start, m, 0, n);
            velocities.get(start, v, 0, n);
            weights.get(start, w, 0, n);
            for (int i = 0; i < n; i++) {
                float gi = g[i];
                float mi = m[i] + (gi - m[i]) * oneMinusBeta1;
                float vi = v[i] + (gi * gi - v[i]) * oneMinusBeta2;
                m[i] = mi;
                v[i] = vi;
                w[i] = w[i] - (mi * alpha) / ((float) Math.sqrt(vi) + epsilon);
            }
            moments.put(start, m, 0, n);
            velocities.put(start, v, 0, n);
            weights.put(start, w, 0, n);
        }
    }
}
