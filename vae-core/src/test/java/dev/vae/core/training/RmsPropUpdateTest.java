package dev.vae.core.training;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.GradientUpdater;
import org.nd4j.linalg.learning.config.RmsProp;
import org.nd4j.linalg.ops.transforms.Transforms;

/** The Java update takes ND4J's RmsPropUpdater and subi steps bit for bit. */
class RmsPropUpdateTest {
    private static final double RHO = 0.9;
    private static final double EPSILON = 1e-7;
    private static final long[][] SHAPES = {{784, 256}, {256}, {1, 3}, {5, 7, 3}, {1}, {2, 1025}};

    @Test
    void fiftyStepsFromAFreshStartMatchNd4jBitForBit() {
        for (long[] shape : SHAPES) {
            lockstep(shape, 1e-3, null, new Random(shape.length * 31L + shape[0]));
        }
    }

    @Test
    void fiftyStepsFromASavedStateMatchNd4jBitForBit() {
        Random random = new Random(5);
        for (long[] shape : SHAPES) {
            INDArray saved = Nd4j.create(values(random, shape, 1e-2), new long[] {1, length(shape)}, DataType.FLOAT);
            lockstep(shape, 0.0123, Transforms.abs(saved), random);
        }
    }

    @Test
    void aTransposedGradientAndWeightAreUpdatedAsTheirDenseCopiesAre() {
        Random random = new Random(9);
        INDArray weight = Nd4j.create(values(random, new long[] {6, 4}, 1), new long[] {6, 4}, DataType.FLOAT);
        INDArray gradient = Nd4j.create(values(random, new long[] {6, 4}, 1), new long[] {6, 4}, DataType.FLOAT);
        INDArray state = Nd4j.create(DataType.FLOAT, 1, 24).assign(EPSILON);
        INDArray denseWeight = weight.transpose().dup('c');
        INDArray denseGradient = gradient.transpose().dup('c');
        INDArray denseState = state.dup();
        RmsPropUpdate update = new RmsPropUpdate(1e-3, RHO, EPSILON);

        update.apply(weight.transpose(), gradient.transpose(), List.of(state), 0);
        update.apply(denseWeight, denseGradient, List.of(denseState), 0);

        assertSameBits(weight.transpose(), denseWeight, "weight");
        assertSameBits(state, denseState, "state");
        assertSameBits(gradient.transpose(), denseGradient, "gradient");
    }

    /** The parts of a batch's gradient, summed as they are read, update as their sum written out would. */
    @Test
    void aGradientInPartsUpdatesAsItsWeightedSumDoes() {
        Random random = new Random(11);
        long[] shape = {2, 1025};
        float[] first = values(random, shape, 1);
        float[] second = values(random, shape, 1);
        double[] shares = {0.6, 0.4};
        float[] sum = new float[first.length];
        for (int i = 0; i < sum.length; i++) {
            sum[i] = (float) shares[0] * first[i];
            sum[i] += (float) shares[1] * second[i];
        }
        INDArray weight = Nd4j.create(values(random, shape, 1), shape, DataType.FLOAT);
        INDArray expectedWeight = weight.dup();
        INDArray before = weight.dup();
        INDArray state = Nd4j.create(DataType.FLOAT, 1, 2050).assign(EPSILON);
        INDArray expectedState = state.dup();
        RmsPropUpdate update = new RmsPropUpdate(1e-3, RHO, EPSILON);

        update.apply(weight, List.of(Nd4j.create(first, shape, DataType.FLOAT), Nd4j.create(second, shape, DataType.FLOAT)),
                shares, List.of(state), 0);
        update.apply(expectedWeight, Nd4j.create(sum, shape, DataType.FLOAT), List.of(expectedState), 0);

        assertSameBits(weight, expectedWeight, "weight");
        assertSameBits(state, expectedState, "state");
        assertThat(Transforms.abs(weight.sub(before)).maxNumber().doubleValue()).as("the weights moved").isGreaterThan(1e-4);
    }

    @Test
    void doubleArraysAreRefused() {
        INDArray weight = Nd4j.create(DataType.DOUBLE, 3);
        assertThatThrownBy(() -> new RmsPropUpdate(1e-3, RHO, EPSILON).apply(weight, weight.dup(),
                List.of(Nd4j.create(DataType.FLOAT, 1, 3)), 0)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("DOUBLE");
    }

    /** Fifty steps of both updates on copies of one weight; {@code saved} null for a fresh start. */
    private static void lockstep(long[] shape, double learningRate, INDArray saved, Random random) {
        long n = length(shape);
        INDArray weight = Nd4j.create(values(random, shape, 0.1), shape, DataType.FLOAT);
        INDArray expectedWeight = weight.dup();
        RmsProp config = new RmsProp(learningRate, RHO, EPSILON);
        INDArray expectedState = Nd4j.create(DataType.FLOAT, 1, n);
        INDArray state = Nd4j.create(DataType.FLOAT, 1, n);
        if (saved == null) {
            state.assign(EPSILON);
        } else {
            expectedState.assign(saved);
            state.assign(saved);
        }
        GradientUpdater<?> nd4j = config.instantiate(expectedState, saved == null);
        RmsPropUpdate update = new RmsPropUpdate(learningRate, RHO, EPSILON);
        for (int step = 0; step < 50; step++) {
            // Scales from 1e-6 to 1e2, so that the state spans small and large values and epsilon matters.
            INDArray gradient = Nd4j.create(values(random, shape, Math.pow(10, random.nextInt(9) - 6)), shape,
                    DataType.FLOAT);
            INDArray expectedGradient = gradient.dup();
            nd4j.applyUpdater(expectedGradient, step, 0);
            expectedWeight.subi(expectedGradient);
            update.apply(weight, gradient, List.of(state), step);

            String at = "shape " + Arrays.toString(shape) + ", step " + step;
            assertSameBits(state, expectedState, "state at " + at);
            assertSameBits(weight, expectedWeight, "weight at " + at);
        }
    }

    private static float[] values(Random random, long[] shape, double scale) {
        float[] values = new float[Math.toIntExact(length(shape))];
        for (int i = 0; i < values.length; i++) {
            values[i] = random.nextInt(50) == 0 ? 0 : (float) (random.nextGaussian() * scale);
        }
        return values;
    }

    private static long length(long[] shape) {
        long n = 1;
        for (long d : shape) {
            n *= d;
        }
        return n;
    }

    /** Arrays.mismatch compares floats by their bits, so -0 and 0 differ. */
    private static void assertSameBits(INDArray actual, INDArray expected, String what) {
        float[] a = actual.dup('c').data().asFloat();
        float[] e = expected.dup('c').data().asFloat();
        int at = Arrays.mismatch(a, e);
        assertThat(at).as(() -> what + ": element " + at + " is " + a[at] + ", ND4J's " + e[at]).isEqualTo(-1);
    }
}
