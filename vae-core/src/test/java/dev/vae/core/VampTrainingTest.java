package dev.vae.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vae.core.data.DataSplit;
import dev.vae.core.data.ImageSet;
import dev.vae.core.graph.VaeGraph;
import dev.vae.core.plugin.PluginChoice;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The VampPrior as a part of the model: its pseudo-inputs are weights, trained, saved and loaded with
 * the networks', its density runs through the model's encoder, and new digits are drawn through it.
 */
class VampTrainingTest {
    private static final Vae VAE = Vae.create();

    @TempDir
    Path dir;

    @Test
    void itTrainsSavesLoadsEvaluatesAndSamples() throws IOException {
        DataSplit data = DataSplit.embedded();
        ImageSet train = data.train().head(1000);
        ImageSet validation = data.test().head(200);
        VaeConfig config = VaeConfig.builder().epochs(3).hiddenDims(List.of(64)).seed(3)
                .prior(PluginChoice.parse("vamp:components=10")).build();
        INDArray initial = VAE.newGraph(config, VaeGraph.dataShape(28, 28), DataType.FLOAT).values("prior")
                .get("pseudo_inputs").dup();
        List<EpochStats> seen = new ArrayList<>();

        TrainedVae model = VAE.train(config, train, validation, seen::add);
        model.save(dir.resolve("model.vae"));
        TrainedVae loaded = VAE.load(dir.resolve("model.vae"));

        INDArray trained = model.graph().values("prior").get("pseudo_inputs");
        assertThat(trained.shape()).containsExactly(10, 784);
        assertThat(trained).isNotEqualTo(initial);
        assertThat(loaded.graph().values("prior").get("pseudo_inputs")).isEqualTo(trained);
        assertThat(seen.get(2).validationNelbo()).isLessThan(seen.get(0).validationNelbo());
        assertThat(seen.get(2).trainLoss()).isLessThan(seen.get(0).trainLoss());
        INDArray x = validation.images();
        assertThat(loaded.nelbo(x, 4)).isEqualTo(model.nelbo(x, 4));
        INDArray samples = loaded.sample(6, 9);
        assertThat(samples.shape()).containsExactly(6, 784);
        assertThat(samples.minNumber().doubleValue()).isGreaterThanOrEqualTo(0);
        assertThat(samples.maxNumber().doubleValue()).isLessThanOrEqualTo(1);
        assertThat(samples).isEqualTo(model.sample(6, 9)).isNotEqualTo(model.sample(6, 10));
        assertThat(model.summary().table()).containsPattern("prior +prior vamp +\\(None, 2\\) +7,840\\b");
    }

    @Test
    void aRelaxedFamilyIsRefusedInOneLine() {
        VaeConfig gumbel = VaeConfig.builder().sampler(PluginChoice.parse("gumbel")).prior(PluginChoice.parse("vamp")).build();
        assertThatThrownBy(() -> VAE.newGraph(gumbel, VaeGraph.dataShape(28, 28), DataType.FLOAT))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("prior vamp is over real codes, but the sampler draws relaxed categoricals; "
                        + "choose --prior uniform-categorical");
    }
}
