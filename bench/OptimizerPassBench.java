import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.util.Random;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * RMSprop's pass over the tutorial model's 404,244 weights, as a plain Java loop over heap chunks (what
 * the trainer runs) and with the incubating vector API, alternated in one process; checks that both
 * give the same bits. Run: {@code java --add-modules jdk.incubator.vector bench/OptimizerPassBench.java}
 */
public class OptimizerPassBench {
    private static final int CHUNK = 1024;
    private static final int WEIGHTS = 404_244;
    private static final int PASSES = 200;
    private static final VectorSpecies<Float> SPECIES = FloatVector.SPECIES_PREFERRED;
    private static final float LEARNING_RATE = 1e-3f;
    private static final float DECAY = 0.9f;
    private static final float EPSILON = 1e-7f;

    private final float[] g = new float[CHUNK];
    private final float[] s = new float[CHUNK];
    private final float[] w = new float[CHUNK];

    public static void main(String[] args) {
        Random random = new Random(1);
        FloatBuffer gradients = buffer();
        FloatBuffer[] weights = {buffer(), buffer()};
        FloatBuffer[] states = {buffer(), buffer()};
        for (int i = 0; i < WEIGHTS; i++) {
            float weight = random.nextFloat();
            gradients.put(i, (float) random.nextGaussian() * 0.01f);
            for (int k = 0; k < 2; k++) {
                weights[k].put(i, weight);
                states[k].put(i, EPSILON);
            }
        }
        OptimizerPassBench bench = new OptimizerPassBench();
        System.out.println("ms per pass over " + WEIGHTS + " floats (vector species " + SPECIES + ")");
        for (int round = 0; round < 8; round++) {
            long start = System.nanoTime();
            for (int k = 0; k < PASSES; k++) {
                bench.loop(weights[0], gradients, states[0]);
            }
            long middle = System.nanoTime();
            for (int k = 0; k < PASSES; k++) {
                bench.vector(weights[1], gradients, states[1]);
            }
            long end = System.nanoTime();
            System.out.printf("round %d: plain loop %.3f, vector API %.3f%n", round + 1,
                    (middle - start) / 1e6 / PASSES, (end - middle) / 1e6 / PASSES);
        }
        for (int i = 0; i < WEIGHTS; i++) {
            if (Float.floatToRawIntBits(weights[0].get(i)) != Float.floatToRawIntBits(weights[1].get(i))) {
                System.out.println("the two passes differ at weight " + i);
                return;
            }
        }
        System.out.println("the two passes give the same bits");
    }

    private static FloatBuffer buffer() {
        return ByteBuffer.allocateDirect(WEIGHTS * 4).order(ByteOrder.nativeOrder()).asFloatBuffer();
    }

    private void loop(FloatBuffer weights, FloatBuffer gradients, FloatBuffer states) {
        for (int start = 0; start < WEIGHTS; start += CHUNK) {
            int n = load(weights, gradients, states, start);
            for (int i = 0; i < n; i++) {
                float gi = g[i];
                float si = s[i] * DECAY + gi * gi * (1 - DECAY);
                s[i] = si;
                w[i] = w[i] - (LEARNING_RATE * gi) / ((float) Math.sqrt(si) + EPSILON);
            }
            store(weights, states, start, n);
        }
    }

    private void vector(FloatBuffer weights, FloatBuffer gradients, FloatBuffer states) {
        for (int start = 0; start < WEIGHTS; start += CHUNK) {
            int n = load(weights, gradients, states, start);
            int i = 0;
            for (; i < SPECIES.loopBound(n); i += SPECIES.length()) {
                FloatVector gi = FloatVector.fromArray(SPECIES, g, i);
                FloatVector si = FloatVector.fromArray(SPECIES, s, i).mul(DECAY).add(gi.mul(gi).mul(1 - DECAY));
                si.intoArray(s, i);
                FloatVector.fromArray(SPECIES, w, i).sub(gi.mul(LEARNING_RATE).div(si.sqrt().add(EPSILON))).intoArray(w, i);
            }
            for (; i < n; i++) {
                float gi = g[i];
                float si = s[i] * DECAY + gi * gi * (1 - DECAY);
                s[i] = si;
                w[i] = w[i] - (LEARNING_RATE * gi) / ((float) Math.sqrt(si) + EPSILON);
            }
            store(weights, states, start, n);
        }
    }

    private int load(FloatBuffer weights, FloatBuffer gradients, FloatBuffer states, int start) {
        int n = Math.min(CHUNK, WEIGHTS - start);
        gradients.get(start, g, 0, n);
        states.get(start, s, 0, n);
        weights.get(start, w, 0, n);
        return n;
    }

    private void store(FloatBuffer weights, FloatBuffer states, int start, int n) {
        states.put(start, s, 0, n);
        weights.put(start, w, 0, n);
    }
}
