package dev.vae.flow;

import dev.vae.api.Initializer;
import dev.vae.api.spi.Flow;
import dev.vae.testkit.TestWeights;
import java.util.LinkedHashMap;
import java.util.Map;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.rng.Random;
import org.nd4j.linalg.factory.Nd4j;

/** Every weight a flow declares for codes of a width, drawn from N(0, sd²) in double precision, far from its start. */
final class RandomWeights {
    private RandomWeights() {
    }

    static Map<String, INDArray> of(Flow flow, int codeWidth, double sd, long seed) {
        SameDiff graph = SameDiff.create();
        TestWeights declared = TestWeights.in(graph, 1);
        int contextWidth = flow.contextWidth(codeWidth);
        flow.transform(declared, graph.constant(Nd4j.zeros(DataType.DOUBLE, 1, codeWidth)),
                contextWidth == 0 ? null : graph.constant(Nd4j.zeros(DataType.DOUBLE, 1, contextWidth)), codeWidth);
        Random rng = Nd4j.getRandomFactory().getNewRandomInstance(seed);
        Map<String, INDArray> weights = new LinkedHashMap<>();
        declared.declared().forEach((name, shape) -> {
            INDArray value = Nd4j.create(DataType.DOUBLE, shape);
            Initializer.normal(0, sd).fill(value, rng);
            weights.put(name, value);
        });
        return weights;
    }

    /** n rows of width values, sin-spread over about [-2, 2]. */
    static double[][] rows(int n, int width, int phase) {
        double[][] rows = new double[n][width];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < width; j++) {
                rows[i][j] = 2 * Math.sin(3.1 * i + 1.7 * j + phase);
            }
        }
        return rows;
    }
}
