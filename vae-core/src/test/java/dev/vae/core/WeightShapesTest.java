package dev.vae.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.factory.Nd4j;

/** The shapes a model file is checked against are those of the graph the configuration builds. */
class WeightShapesTest {

    @Test
    void theShapesAreThoseOfTheGraphsWeights() {
        Vae vae = Vae.create();
        for (VaeConfig config : List.of(VaeConfig.builder().build(),
                VaeConfig.builder().hiddenDims(List.of(16, 8)).likelihood(PluginChoice.parse("gaussian"))
                        .sampler(PluginChoice.parse("gumbel:categories=3")).latentDim(5).build())) {
            PluginCatalog.Components components = vae.plugins().resolve(config);
            VaeGraph graph = VaeGraph.initialized(config, components, 12, DataType.FLOAT,
                    Nd4j.getRandomFactory().getNewRandomInstance(1));
            Map<String, List<Long>> actual = new LinkedHashMap<>();
            graph.forEachParameter((name, array) -> actual.put(name, box(array.shape())));
            Map<String, List<Long>> expected = new LinkedHashMap<>();
            WeightShapes.of(config, components, 12).forEach((name, shape) -> expected.put(name, box(shape)));

            assertThat(expected).containsExactlyEntriesOf(actual);
        }
    }

    private static List<Long> box(long[] shape) {
        return java.util.Arrays.stream(shape).boxed().toList();
    }
}
