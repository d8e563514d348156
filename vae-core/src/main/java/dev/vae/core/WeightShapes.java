package dev.vae.core;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The shape of every weight a configuration implies, named as {@link Mlp} names them and in the order
 * {@link VaeGraph#forEachParameter} gives them, computed without allocating a weight: a model file is
 * checked against it before any of its arrays is read.
 */
final class WeightShapes {
    private WeightShapes() {
    }

    /**
     * @param inputDim the data dimension D
     * @throws ArithmeticException if a layer would be wider than an int
     */
    static Map<String, long[]> of(VaeConfig config, PluginCatalog.Components components, long inputDim) {
        Map<String, long[]> shapes = new LinkedHashMap<>();
        VaeGraph.networks(config, components, inputDim).forEach(net -> add(shapes, net));
        return shapes;
    }

    /** Each layer's kernel [in, out] and bias [out], in the order of {@link Mlp#parameterNames}. */
    private static void add(Map<String, long[]> shapes, Mlp net) {
        List<String> names = net.parameterNames();
        List<Integer> widths = net.widths();
        for (int i = 0; i < widths.size() - 1; i++) {
            shapes.put(names.get(2 * i), new long[] {widths.get(i), widths.get(i + 1)});
            shapes.put(names.get(2 * i + 1), new long[] {widths.get(i + 1)});
        }
    }
}
