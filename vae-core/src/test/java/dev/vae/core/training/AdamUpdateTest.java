package dev.vae.core.training;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.offset;

import dev.vae.core.Optimizer;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.GradientUpdater;
import org.nd4j.linalg.learning.config.Adam;

/**
 * The Java Adam step follows Keras' formula, computed apart in double precision, and agrees with
 * ND4J's own Adam updater.
 */
class AdamUpdateTest {
    private static final double LR = 1e-3;
    private static final double BETA1 = 0.9;
    private static final double BETA2 = 0.999;
    private static final double EPSILON = 1e-7;
    private static final int STEPS = 100;
    private static final int LENGTH = 3000;

    @Test
    void itIsKerasAdamWithItsDefaults() {
        WeightUpdate update = WeightUpdate.of(Optimizer.ADAM, LR);

        assertThat(update.stateNames("encoder.0.W")).containsExactly("m.encoder.0.W", "v.encoder.0.W");
        assertThat(update.initialState()).isZero();
        assertThat(Optimizer.ADAM.defaultLearningRate()).isEqualTo(1e-3);
    }

    /**
     * Keras: {@code alpha = lr sqrt(1 - b2^t) / (1 - b1^t)}, {@code m = b1 m + (1 - b1) g},
     * {@code v = b2 v + (1 - b2) g^2}, {@code w -= alpha m / (sqrt(v) + epsilon)}. Gradients of
     * scales down to 1e-6, where sqrt(v) is below epsilon, make epsilon's place in the formula count.
     */
    @Test
    void aHundredStepsFollowKerasFormulaComputedInDoubles() {
        Random random = new Random(3);
        float[] w0 = values(random, 0.1);
        INDArray weight = Nd4j.createFromArray(w0.clone()).reshape(30, 100);
        List<INDArray> state = List.of(Nd4j.zeros(DataType.FLOAT, 1, LENGTH), Nd4j.zeros(DataType.FLOAT, 1, LENGTH));
        double[] w = toDoubles(w0);
        Moments moments = new Moments();
        WeightUpdate update = WeightUpdate.of(Optimizer.ADAM, LR);
        double largestDifference = 0;
        for (int step = 0; step < STEPS; step++) {
            float[] g = values(random, Math.pow(10, random.nextInt(7) - 6));
            update.apply(weight, Nd4j.createFromArray(g).reshape(30, 100), state, step);
            moments.add(g);
            int t = step + 1;
            double alpha = LR * Math.sqrt(1 - Math.pow(BETA2, t)) / (1 - Math.pow(BETA1, t));
            for (int i = 0; i < LENGTH; i++) {
                w[i] -= alpha * moments.m[i] / (Math.sqrt(moments.v[i]) + EPSILON);
            }
            largestDifference = Math.max(largestDifference, largestDifference(weight, w));
        }

        // Each step moves a weight by up to about lr; float rounding leaves a thousandth of that.
        assertThat(largestDifference).isLessThan(LR * 1e-3);
        assertThat(largestDifference(weight, w0)).isGreaterThan(LR * 10);
        moments.assertClose(state.get(0), moments.m, state.get(1), moments.v, 1e-5);
    }

    /**
     * ND4J's AdamUpdater (M2.1's native {@code adam_updater}) has Keras' definition: epsilon is added
     * to sqrt(v) unscaled, after the bias corrections folded into alpha, the paper's "epsilon hat".
     * The two differ in rounding: ND4J computes {@code m = b1 m + g (1 - b1)} where Keras computes
     * {@code m += (g - m)(1 - b1)} (the same for v), and ND4J takes epsilon for alpha should alpha
     * come out 0 or NaN. And ND4J computes 1 - b2 in float, from b2 rounded to a float: 1.3e-5 off,
     * which carries into v, where Keras subtracts the Python doubles. So the weights agree closely,
     * not bit for bit.
     */
    @Test
    void fiftyStepsAgreeWithNd4jsAdamUpdater() {
        Random random = new Random(8);
        float[] w0 = values(random, 0.1);
        INDArray weight = Nd4j.createFromArray(w0.clone());
        INDArray expectedWeight = weight.dup();
        List<INDArray> state = List.of(Nd4j.zeros(DataType.FLOAT, 1, LENGTH), Nd4j.zeros(DataType.FLOAT, 1, LENGTH));
        INDArray nd4jState = Nd4j.zeros(DataType.FLOAT, 1, 2 * LENGTH);
        GradientUpdater<?> nd4j = new Adam(LR, BETA1, BETA2, EPSILON).instantiate(nd4jState, true);
        WeightUpdate update = WeightUpdate.of(Optimizer.ADAM, LR);
        Moments moments = new Moments();
        for (int step = 0; step < 50; step++) {
            float[] g = values(random, Math.pow(10, random.nextInt(7) - 6));
            moments.add(g);
            INDArray gradient = Nd4j.createFromArray(g);
            INDArray nd4jUpdate = gradient.dup();
            nd4j.applyUpdater(nd4jUpdate, step, 0);
            expectedWeight.subi(nd4jUpdate);
            update.apply(weight, gradient, state, step);
        }

        double[] expected = toDoubles(expectedWeight.data().asFloat());
        assertThat(largestDifference(weight, expected)).isLessThan(LR * 1e-3);
        assertThat(largestDifference(weight, w0)).isGreaterThan(LR * 10);
        // ND4J's state view holds m, then v.
        double[] nd4jMoments = toDoubles(nd4jState.data().asFloat());
        moments.assertClose(state.get(0), Arrays.copyOfRange(nd4jMoments, 0, LENGTH),
                state.get(1), Arrays.copyOfRange(nd4jMoments, LENGTH, 2 * LENGTH), 1e-4);
    }

    /**
     * Adam's moments in double precision, with the scale of m's rounding: the moving average of |g|,
     * since m sums gradients of either sign and up to six orders of magnitude apart.
     */
    private static final class Moments {
        final double[] m = new double[LENGTH];
        final double[] v = new double[LENGTH];
        private final double[] scale = new double[LENGTH];

        void add(float[] g) {
            for (int i = 0; i < LENGTH; i++) {
                m[i] = BETA1 * m[i] + (1 - BETA1) * g[i];
                v[i] = BETA2 * v[i] + (1 - BETA2) * g[i] * g[i];
                scale[i] = BETA1 * scale[i] + (1 - BETA1) * Math.abs(g[i]);
            }
        }

        /** Whether the moments agree within this fraction of their scale. */
        void assertClose(INDArray actualM, double[] expectedM, INDArray actualV, double[] expectedV, double within) {
            float[] am = actualM.dup('c').data().asFloat();
            float[] av = actualV.dup('c').data().asFloat();
            for (int i = 0; i < LENGTH; i++) {
                int at = i;
                assertThat((double) am[i]).as(() -> "m at " + at).isCloseTo(expectedM[i], offset(within * scale[i]));
                assertThat((double) av[i]).as(() -> "v at " + at).isCloseTo(expectedV[i], offset(within * v[i]));
            }
        }
    }

    private static double largestDifference(INDArray actual, float[] expected) {
        return largestDifference(actual, toDoubles(expected));
    }

    private static double largestDifference(INDArray actual, double[] expected) {
        float[] a = actual.dup('c').data().asFloat();
        double largest = 0;
        for (int i = 0; i < a.length; i++) {
            largest = Math.max(largest, Math.abs(a[i] - expected[i]));
        }
        return largest;
    }

    private static float[] values(Random random, double scale) {
        float[] values = new float[LENGTH];
        for (int i = 0; i < LENGTH; i++) {
            values[i] = random.nextInt(50) == 0 ? 0 : (float) (random.nextGaussian() * scale);
        }
        return values;
    }

    private static double[] toDoubles(float[] values) {
        double[] doubles = new double[values.length];
        for (int i = 0; i < values.length; i++) {
            doubles[i] = values[i];
        }
        return doubles;
    }
}
