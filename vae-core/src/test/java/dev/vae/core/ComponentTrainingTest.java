package dev.vae.core;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vae.api.Posterior;
import dev.vae.core.data.DataSplit;
import dev.vae.core.data.ImageSet;
import dev.vae.core.graph.VaeGraph;
import dev.vae.core.plugin.PluginChoice;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * Components beyond the tutorial's train on the embedded digits as parts of the same model: a learned
 * prior's and a flow's weights are trained and saved with the networks', and the model evaluates,
 * encodes and generates through them; convolutional networks learn the digits.
 */
class ComponentTrainingTest {
    private static ImageSet train;
    private static ImageSet validation;
    private static final Vae VAE = Vae.create();

    @TempDir
    Path dir;

    @BeforeAll
    static void load() throws IOException {
        DataSplit data = DataSplit.embedded();
        train = data.train().head(1000);
        validation = data.test().head(200);
    }

    @Test
    void aLearnedMixturePriorAndAPlanarFlowTrainSaveLoadEvaluateAndSample() throws IOException {
        VaeConfig config = VaeConfig.builder().epochs(3).hiddenDims(List.of(64)).seed(3)
                .prior(PluginChoice.parse("mixture:components=4"))
                .flows(List.of(PluginChoice.parse("planar:length=3"))).build();
        Map<String, INDArray> initial = weights(VAE.newGraph(config, VaeGraph.dataShape(28, 28), DataType.FLOAT));
        List<EpochStats> seen = new ArrayList<>();

        TrainedVae model = VAE.train(config, train, validation, seen::add);
        model.save(dir.resolve("model.vae"));
        TrainedVae loaded = VAE.load(dir.resolve("model.vae"));

        Map<String, INDArray> trained = weights(model.graph());
        for (String name : List.of("prior.means", "prior.log_variances", "prior.logits", "flow1.0.u", "flow1.2.w")) {
            assertThat(trained.get(name)).as(name).isNotEqualTo(initial.get(name));
            assertThat(weights(loaded.graph()).get(name)).as(name).isEqualTo(trained.get(name));
        }
        assertThat(seen.get(2).validationNelbo()).isLessThan(seen.get(0).validationNelbo());
        INDArray x = validation.images();
        assertThat(loaded.nelbo(x, 4)).isEqualTo(model.nelbo(x, 4));
        double nelbo = model.nelbo(x, 4).meanNumber().doubleValue();
        double nll = model.negativeLogLikelihood(x, 50, 4).meanNumber().doubleValue();
        assertThat(nll).isLessThan(nelbo).isGreaterThan(nelbo - 20);
        INDArray samples = loaded.sample(6, 9);
        assertThat(samples.shape()).containsExactly(6, 784);
        assertThat(samples.minNumber().doubleValue()).isGreaterThanOrEqualTo(0);
        assertThat(samples.maxNumber().doubleValue()).isLessThanOrEqualTo(1);
        assertThat(samples).isEqualTo(model.sample(6, 9));
        Posterior q = loaded.encode(x.getRows(0, 1, 2));
        assertThat(q.mean()).isEqualTo(model.encode(x.getRows(0, 1, 2)).mean());
        assertThat(q.variance().minNumber().doubleValue()).isGreaterThan(0);
        assertThat(model.summary().table()).containsPattern("prior +prior mixture +\\(None, 2\\) +20\\b")
                .containsPattern("flow1 +flow planar +\\(None, 2\\) +15\\b");
    }

    /** A flow that reads a context widens the encoder's output by it; the family and encode() see only their columns. */
    @ParameterizedTest(name = "{0}, latent {1}")
    @CsvSource(delimiter = ';', value = {"radial:length=4; 2; 4; 0.beta", "iaf:length=2,hidden=32,context=8; 2; 12; 1.m.W",
        "iaf:hidden=16,context=4; 1; 6; 0.context"})
    void radialAndInverseAutoregressiveFlowsTrainSaveLoadAndEvaluate(String flow, int latentDim, int encoderWidth,
                                                                       String weight) throws IOException {
        VaeConfig config = VaeConfig.builder().epochs(3).hiddenDims(List.of(64)).latentDim(latentDim).seed(3)
                .flows(List.of(PluginChoice.parse(flow))).build();
        Map<String, INDArray> initial = weights(VAE.newGraph(config, VaeGraph.dataShape(28, 28), DataType.FLOAT));
        List<EpochStats> seen = new ArrayList<>();

        TrainedVae model = VAE.train(config, train, validation, seen::add);
        model.save(dir.resolve("model.vae"));
        TrainedVae loaded = VAE.load(dir.resolve("model.vae"));

        String name = "flow1." + weight;
        assertThat(weights(model.graph()).get(name)).as(name).isNotEqualTo(initial.get(name));
        assertThat(weights(loaded.graph())).containsOnlyKeys(initial.keySet());
        weights(model.graph()).forEach((key, value) -> assertThat(weights(loaded.graph()).get(key)).as(key).isEqualTo(value));
        assertThat(seen.get(2).validationNelbo()).isLessThan(seen.get(0).validationNelbo());
        assertThat(seen.get(2).trainLoss()).isLessThan(seen.get(0).trainLoss());
        INDArray x = validation.images();
        assertThat(loaded.nelbo(x, 4)).isEqualTo(model.nelbo(x, 4));
        double nelbo = model.nelbo(x, 4).meanNumber().doubleValue();
        double nll = model.negativeLogLikelihood(x, 50, 4).meanNumber().doubleValue();
        assertThat(nll).isLessThan(nelbo).isGreaterThan(nelbo - 20);
        assertThat(model.graph().encode(x.getRows(0, 1)).shape()).containsExactly(2, 2 * latentDim);
        Posterior q = loaded.encode(x.getRows(0, 1, 2));
        assertThat(q.mean().shape()).containsExactly(3, latentDim);
        assertThat(q.mean()).isEqualTo(model.encode(x.getRows(0, 1, 2)).mean());
        assertThat(model.summary().table()).containsPattern("encoder +network mlp +\\(None, " + encoderWidth + "\\) ")
                .containsPattern("flow1 +flow " + flow.split(":")[0] + " +\\(None, " + latentDim + "\\) ");
    }

    @Test
    void aMixturePriorsDrawsComeFromItsComponents() {
        VaeConfig config = VaeConfig.builder().epochs(1).hiddenDims(List.of(16)).seed(4)
                .prior(PluginChoice.parse("mixture:components=1,init_spread=5")).build();
        TrainedVae model = VAE.train(config, train.head(200), validation.head(100), TrainingListener.NONE);
        INDArray mean = model.graph().values("prior").get("means");
        INDArray codes = model.graph().codes(validation.images().getRows(0), org.nd4j.linalg.factory.Nd4j
                .getRandomFactory().getNewRandomInstance(1));

        assertThat(codes.shape()).containsExactly(1, 1, 2);
        assertThat(Transforms.abs(mean, true).maxNumber().doubleValue()).isGreaterThan(0.1);
    }

    @Test
    void convolutionalNetworksLearnTheDigits() {
        VaeConfig config = VaeConfig.builder().epochs(4).seed(5).batchSize(50)
                .encoder(PluginChoice.parse("conv:channels=8")).decoder(PluginChoice.parse("conv:channels=8")).build();
        List<EpochStats> seen = new ArrayList<>();

        TrainedVae model = VAE.train(config, train, validation, seen::add);

        // An untrained decoder predicts p = 0.5 per pixel, 543 nats; the mean image alone is ~206.
        for (int epoch = 1; epoch < 4; epoch++) {
            assertThat(seen.get(epoch).validationNelbo()).isLessThan(seen.get(epoch - 1).validationNelbo());
        }
        assertThat(seen.get(3).validationNelbo()).isLessThan(350);
        assertThat(seen.get(3).trainLoss()).isLessThan(seen.get(0).trainLoss());
        assertThat(model.summary().table()).containsPattern("encoder +network conv ");
    }

    private static Map<String, INDArray> weights(VaeGraph graph) {
        Map<String, INDArray> copies = new java.util.HashMap<>();
        graph.forEachParameter((name, array) -> copies.put(name, array.dup()));
        return copies;
    }
}
