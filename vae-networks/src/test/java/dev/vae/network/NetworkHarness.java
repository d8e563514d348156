package dev.vae.network;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vae.api.FeatureShape;
import dev.vae.api.Initializer;
import dev.vae.api.WeightScope;
import dev.vae.api.spi.Network;
import dev.vae.testkit.GradientCheck;
import dev.vae.testkit.TestWeights;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** A network run once on fixed inputs in double precision, and its gradients checked, for the networks' tests. */
final class NetworkHarness {
    private static final long SEED = 7;

    /**
     * @param output [N, outShape.size()]
     * @param shapes each declared weight's shape, in declaration order
     * @param values each declared weight's value
     */
    record Run(INDArray output, Map<String, List<Long>> shapes, Map<String, INDArray> values) {}

    private NetworkHarness() {}

    /** Normal inputs of N rows of {@code shape}. */
    static INDArray inputs(int n, FeatureShape shape, long seed) {
        INDArray x = Nd4j.create(DataType.DOUBLE, n, shape.size());
        Initializer.normal(0, 1).fill(x, Nd4j.getRandomFactory().getNewRandomInstance(seed));
        return x;
    }

    /** The network on {@code x}, its weights drawn from a fixed seed except those in {@code preset}. */
    static Run run(Network net, INDArray x, FeatureShape in, FeatureShape out, Map<String, INDArray> preset) {
        SameDiff sd = SameDiff.create();
        TestWeights testWeights = TestWeights.in(sd, SEED);
        preset.forEach(testWeights::set);
        Map<String, List<Long>> shapes = new LinkedHashMap<>();
        WeightScope recording = new WeightScope() {
            @Override
            public SameDiff sameDiff() {
                return sd;
            }

            @Override
            public SDVariable declare(String name, long[] shape, Initializer initializer) {
                shapes.put(name, box(shape));
                return testWeights.declare(name, shape, initializer);
            }
        };
        SDVariable y = net.forward(recording, sd.constant("x", x.castTo(DataType.DOUBLE)), in, out);
        Map<String, INDArray> values = new LinkedHashMap<>();
        shapes.keySet().forEach(name -> values.put(name, sd.getArrForVarName(name).dup()));
        return new Run(sd.output(Map.of(), y.name()).get(y.name()), shapes, values);
    }

    /**
     * Checks the gradient of a random linear function of the output with respect to the input and every
     * declared weight against central differences.
     *
     * @return how many elements were checked
     */
    static int assertGradients(Network net, int n, FeatureShape in, FeatureShape out) {
        INDArray x = inputs(n, in, 1);
        Run start = run(net, x, in, out, Map.of());
        assertThat(start.output().shape()).containsExactly(n, out.size());
        GradientCheck check = GradientCheck.of((sd, inputs) -> net.forward(byName(sd, inputs), inputs.get("x"), in, out)
                        .mul(inputs.get("projection")))
                .constant("projection", inputs(n, out, 2))
                .variable("x", x);
        start.values().forEach(check::variable);
        return check.assertMatchesCentralDifferences();
    }

    /** A scope whose weights are the graph inputs of the same names. */
    private static WeightScope byName(SameDiff sd, Map<String, SDVariable> inputs) {
        return new WeightScope() {
            @Override
            public SameDiff sameDiff() {
                return sd;
            }

            @Override
            public SDVariable declare(String name, long[] shape, Initializer initializer) {
                SDVariable weight = inputs.get(name);
                assertThat(weight.getArr().shape()).as(name).containsExactly(shape);
                return weight;
            }
        };
    }

    static List<Long> box(long... shape) {
        List<Long> boxed = new ArrayList<>();
        for (long s : shape) {
            boxed.add(s);
        }
        return boxed;
    }
}
