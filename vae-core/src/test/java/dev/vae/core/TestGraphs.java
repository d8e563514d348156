package dev.vae.core;

import dev.vae.api.FeatureShape;
import dev.vae.core.graph.VaeGraph;
import org.nd4j.linalg.api.buffer.DataType;

/** Graphs of a configuration, for tests in other packages of this module. */
public final class TestGraphs {
    private TestGraphs() {
    }

    public static VaeGraph of(VaeConfig config, FeatureShape dataShape, DataType type) {
        return Vae.create().newGraph(config, dataShape, type);
    }
}
