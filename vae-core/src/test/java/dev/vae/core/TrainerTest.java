package dev.vae.core;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vae.api.FeatureShape;
import dev.vae.core.graph.VaeGraph;
import dev.vae.core.training.Trainer;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;

/** The trainer's refusals. */
class TrainerTest {
    @Test
    void aGraphOfDoubleWeightsIsRefused() {
        VaeConfig config = VaeConfig.builder().hiddenDims(List.of(4)).build();
        VaeGraph graph = Vae.create().newGraph(config, FeatureShape.vector(6), DataType.DOUBLE);

        assertThatThrownBy(() -> new Trainer(graph)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("is DOUBLE; the trainer updates FLOAT weights only");
    }
}
