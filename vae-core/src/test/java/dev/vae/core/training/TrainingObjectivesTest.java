package dev.vae.core.training;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vae.api.FeatureShape;
import dev.vae.core.ComponentConfigs;
import dev.vae.core.Optimizer;
import dev.vae.core.TestGraphs;
import dev.vae.core.VaeConfig;
import dev.vae.core.graph.TrainingObjective;
import dev.vae.core.graph.VaeGraph;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Several objectives over disjoint weights: each weight belongs to exactly one, and steps with that
 * objective's rate and as many times per batch as it asks.
 */
class TrainingObjectivesTest {

    @Test
    void aDecoderObjectiveAndADiscriminatorEachOwnTheirRoles() {
        VaeGraph chi = graph("chi", 2);
        assertThat(chi.objectives()).extracting(TrainingObjective::output).hasSize(2);
        assertThat(chi.objectiveOf("encoder.0.W")).isZero();
        assertThat(chi.objectiveOf("decoder.0.W")).isEqualTo(1);
        VaeGraph avb = graph("avb:hidden=4,steps=3,rate=0.01", 1);
        assertThat(avb.objectives()).hasSize(2);
        assertThat(avb.objectiveOf("decoder.0.W")).isZero();
        assertThat(avb.objectiveOf("divergence.T0.Wx")).isEqualTo(1);
        assertThat(avb.objectives().get(1).stepsPerBatch()).isEqualTo(3);
        assertThat(avb.objectives().get(1).learningRate()).hasValue(0.01);
        assertThat(graph("kl", 1).objectives()).hasSize(1);
    }

    /**
     * RMSprop's first step is the rate times a function of the gradient alone, so doubling the rate
     * doubles it, up to the rounding of weights in single precision.
     */
    @Test
    void theDiscriminatorStepsAtItsOwnRateAndTheModelAtItsOwn() {
        Map<String, INDArray> slow = deltas(graph("avb:hidden=4,rate=0.001", 1));
        Map<String, INDArray> fast = deltas(graph("avb:hidden=4,rate=0.002", 1));
        slow.forEach((name, delta) -> {
            if (name.startsWith("divergence.")) {
                assertThat(fast.get(name).sub(delta.mul(2)).amaxNumber().doubleValue()).as(name)
                        .isLessThan(1e-7 + 1e-4 * delta.amaxNumber().doubleValue());
            } else {
                assertThat(fast.get(name)).as(name).isEqualTo(delta);
            }
        });
    }

    /**
     * Adam's first step moves each weight by at most its rate, and two steps the same way by nearly
     * twice: with two steps per batch the discriminator moves twice and the model once.
     */
    @Test
    void extraStepsMoveOnlyTheirObjectivesWeights() {
        Map<String, INDArray> deltas = deltas(graph("avb:hidden=4,steps=2,rate=0.001", 1, Optimizer.ADAM));
        double discriminator = 0;
        for (Map.Entry<String, INDArray> e : deltas.entrySet()) {
            double largest = e.getValue().amaxNumber().doubleValue();
            if (e.getKey().startsWith("divergence.")) {
                discriminator = Math.max(discriminator, largest);
            } else {
                assertThat(largest).as(e.getKey()).isLessThanOrEqualTo(0.001 * (1 + 1e-5));
            }
        }
        assertThat(discriminator).isGreaterThan(0.0015);
    }

    private static VaeGraph graph(String divergence, int samples) {
        return graph(divergence, samples, Optimizer.RMSPROP);
    }

    private static VaeGraph graph(String divergence, int samples, Optimizer optimizer) {
        VaeConfig config = ComponentConfigs.of("normal", "", "", "mlp:hidden=5", "mlp:hidden=5", "bernoulli", divergence,
                samples).toBuilder().optimizer(optimizer).learningRate(1e-3).build();
        return TestGraphs.of(config, new FeatureShape(1, 5, 6), DataType.FLOAT);
    }

    /** Each weight's change over one batch. */
    private static Map<String, INDArray> deltas(VaeGraph graph) {
        Map<String, INDArray> before = new HashMap<>();
        graph.forEachParameter((name, array) -> before.put(name, array.dup()));
        Trainer trainer = new Trainer(graph, Map.of(), 0, 1);
        INDArray x = Nd4j.rand(Nd4j.getRandomFactory().getNewRandomInstance(9), 6, 30);
        trainer.step(graph.feed(x, graph.noise(6, Nd4j.getRandomFactory().getNewRandomInstance(10))));
        Map<String, INDArray> deltas = new HashMap<>();
        graph.forEachParameter((name, array) -> deltas.put(name, array.sub(before.get(name))));
        return deltas;
    }
}
