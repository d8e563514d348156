package dev.vae.network;

import static dev.vae.network.NetworkHarness.box;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.vae.api.FeatureShape;
import dev.vae.api.ParamValues;
import dev.vae.api.spi.Network;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;

class MlpNetworkTest {
    private static final FeatureShape IMAGE = new FeatureShape(1, 4, 3);

    private static Network mlp(String hidden, String activation, String init) {
        Network defaults = new MlpNetwork();
        return defaults.configure(ParamValues.resolve("mlp", defaults.parameters(),
                Map.of("hidden", hidden, "activation", activation, "init", init)));
    }

    @Test
    void readsImagesAsVectorsThroughLayersNamedByTheirIndex() {
        NetworkHarness.Run run = NetworkHarness.run(mlp("5,4", "relu", "fan-in-uniform"),
                NetworkHarness.inputs(3, IMAGE, 1), IMAGE, FeatureShape.vector(2), Map.of());
        assertThat(run.output().shape()).containsExactly(3, 2);
        assertThat(run.shapes()).containsExactly(
                Map.entry("0.W", box(12, 5)), Map.entry("0.b", box(5)),
                Map.entry("1.W", box(5, 4)), Map.entry("1.b", box(4)),
                Map.entry("2.W", box(4, 2)), Map.entry("2.b", box(2)));
    }

    @Test
    void computesTheActivationOfAnAffineMapThenAnAffineMap() {
        INDArray x = NetworkHarness.inputs(2, FeatureShape.vector(3), 2);
        NetworkHarness.Run run = NetworkHarness.run(mlp("4", "tanh", "fan-in-uniform"), x, FeatureShape.vector(3),
                FeatureShape.vector(2), Map.of());
        INDArray w0 = run.values().get("0.W");
        INDArray b0 = run.values().get("0.b");
        INDArray w1 = run.values().get("1.W");
        INDArray b1 = run.values().get("1.b");
        for (int n = 0; n < 2; n++) {
            for (int o = 0; o < 2; o++) {
                double expected = b1.getDouble(o);
                for (int j = 0; j < 4; j++) {
                    double pre = b0.getDouble(j);
                    for (int i = 0; i < 3; i++) {
                        pre += x.getDouble(n, i) * w0.getDouble(i, j);
                    }
                    expected += Math.tanh(pre) * w1.getDouble(j, o);
                }
                assertThat(run.output().getDouble(n, o)).isCloseTo(expected, within(1e-12));
            }
        }
    }

    @Test
    void glorotInitializationStartsTheBiasesAtZero() {
        NetworkHarness.Run run = NetworkHarness.run(mlp("6", "relu", "glorot-uniform"), NetworkHarness.inputs(1, IMAGE, 1),
                IMAGE, FeatureShape.vector(2), Map.of());
        assertThat(run.values().get("0.b").sumNumber().doubleValue()).isZero();
        assertThat(run.values().get("1.b").sumNumber().doubleValue()).isZero();
        double limit = Math.sqrt(6.0 / (12 + 6));
        assertThat(run.values().get("0.W").amaxNumber().doubleValue()).isPositive().isLessThanOrEqualTo(limit);
    }

    @Test
    void gradientsMatchCentralDifferences() {
        assertThat(NetworkHarness.assertGradients(mlp("5,3", "elu", "fan-in-uniform"), 3, IMAGE, FeatureShape.vector(2)))
                .isEqualTo(3 * 12 + (12 * 5 + 5) + (5 * 3 + 3) + (3 * 2 + 2));
    }
}
