package dev.vae.core;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vae.api.FeatureShape;
import dev.vae.core.graph.VaeGraph;
import dev.vae.core.plugin.PluginChoice;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The gradient graph against central finite differences, in double precision: of each weight's own
 * objective, the model's loss for the encoder's weights, the decoder's loss for the decoder's where
 * the divergence trains the decoder with another objective, and a discriminator's loss for its own.
 */
class GradientTest {
    private static final double H = 1e-6;

    @ParameterizedTest(name = "K = {0}, latent {1}, {2}, {3}, {4}")
    @CsvSource(delimiter = ';', value = {"1; 2; normal; bernoulli; kl", "3; 2; normal; bernoulli; kl",
        "1; 1; normal; bernoulli; kl", "2; 2; laplace; gaussian; kl", "1; 2; gumbel:categories=3,temperature=0.7; bernoulli; kl",
        "1; 2; normal; gaussian:fixed_variance=0.5; kl", "3; 2; normal; bernoulli; alpha:alpha=0", "3; 2; normal; bernoulli; chi",
        "2; 2; gumbel:categories=3,temperature=0.7; bernoulli; chi"})
    void everyWeightsGradientMatchesCentralDifferences(int samples, int latentDim, String sampler, String likelihood,
                                                       String divergence) {
        VaeConfig config = VaeConfig.builder().hiddenDims(List.of(6, 5)).latentDim(latentDim).samples(samples)
                .sampler(PluginChoice.parse(sampler)).likelihood(PluginChoice.parse(likelihood))
                .divergence(PluginChoice.parse(divergence))
                .activation("tanh").seed(5).build();
        assertGradientsMatchCentralDifferences(config, FeatureShape.vector(7));
    }

    /** The component kinds beyond the tutorial's: learned priors, flows and convolutional networks, in combinations. */
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = ';', value = {
        "mixture prior; normal; mixture:components=3; ; mlp:hidden=5; mlp:hidden=5; bernoulli; kl; 1",
        "mixture prior, IWAE; normal; mixture:components=2; ; mlp:hidden=5; mlp:hidden=5; bernoulli; alpha:alpha=0; 3",
        "mixture prior and planar flow, chi; normal; mixture:components=2; planar:length=1; mlp:hidden=5; mlp:hidden=5; bernoulli; chi; 2",
        "vamp prior; normal; vamp:components=3; ; mlp:hidden=5; mlp:hidden=5; bernoulli; kl; 1",
        "vamp prior, linear pseudo-inputs, Laplace, IWAE; laplace; vamp:components=2,inputs=linear; ; mlp:hidden=5; mlp:hidden=5; bernoulli; alpha:alpha=0; 3",
        "vamp prior and planar flow, conv encoder; normal; vamp:components=2; planar:length=1; conv:channels=2,layers=1,kernel=3; mlp:hidden=5; bernoulli; kl; 2",
        "planar flow; normal; ; planar:length=2; mlp:hidden=5; mlp:hidden=5; bernoulli; kl; 1",
        "amortized planar flow, IWAE; normal; ; planar:length=2,params=amortized; mlp:hidden=5; mlp:hidden=5; bernoulli; alpha:alpha=0; 2",
        "planar flow, Laplace, chi; laplace; ; planar:length=2; mlp:hidden=5; mlp:hidden=5; gaussian; chi; 2",
        "planar flow and mixture prior; normal; mixture:components=2; planar:length=1; mlp:hidden=5; mlp:hidden=5; bernoulli; alpha; 2",
        "radial flow; normal; ; radial:length=2; mlp:hidden=5; mlp:hidden=5; bernoulli; kl; 1",
        "iaf flow, IWAE; normal; ; iaf:length=2,hidden=4,context=3; mlp:hidden=5; mlp:hidden=5; bernoulli; alpha:alpha=0; 2",
        "iaf flow, Laplace, chi; laplace; ; iaf:length=1,hidden=3,context=2; mlp:hidden=5; mlp:hidden=5; gaussian; chi; 2",
        "conv encoder and decoder; normal; ; ; conv:channels=2,layers=2; conv:channels=2,layers=2; bernoulli; kl; 1",
        "conv encoder, mlp decoder, learned variance; normal; ; ; conv:channels=2,layers=1,kernel=3; mlp:hidden=5; gaussian; kl; 2",
        "sigmoid networks; normal; ; ; mlp:hidden=5,activation=sigmoid; mlp:hidden=5,activation=sigmoid; bernoulli; kl; 1",
        "avb, normal family; normal; ; ; mlp:hidden=5; mlp:hidden=5; bernoulli; avb:hidden=4,3; 1",
        "avb, implicit family, K = 2; implicit:features=3,noise=2,hidden=4; ; ; mlp:hidden=5; mlp:hidden=5; bernoulli; avb:hidden=4; 2",
        "avb, implicit family, planar flow; implicit:features=3,noise=2,hidden=4; ; planar:length=1; mlp:hidden=5; mlp:hidden=5; gaussian; avb:hidden=3,steps=2; 1",
            "avb, adaptive contrast, mixture prior, K = 2; normal; mixture:components=2; ; mlp:hidden=5; mlp:hidden=5; bernoulli; avb:hidden=4,contrast=adaptive; 2",
            "avb, adaptive contrast, implicit family, K = 3; implicit:features=3,noise=2,hidden=4; ; ; mlp:hidden=5; mlp:hidden=5; bernoulli; avb:hidden=4,contrast=adaptive; 3"})
    void everyComponentsGradientMatchesCentralDifferences(String what, String sampler, String prior, String flow,
                                                          String encoder, String decoder, String likelihood,
                                                          String divergence, int samples) {
        assertGradientsMatchCentralDifferences(ComponentConfigs.of(sampler, prior, flow, encoder, decoder, likelihood,
                divergence, samples), new FeatureShape(1, 5, 6));
    }

    /** Two or three latent layers, each divergence, with a flow and a learned prior on the top layer. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("latentLayerRows")
    void everyLatentLayersGradientMatchesCentralDifferences(String row) {
        assertGradientsMatchCentralDifferences(ComponentConfigs.latentLayers(row), FeatureShape.vector(6));
    }

    static List<String> latentLayerRows() {
        return ComponentConfigs.LATENT_LAYER_ROWS;
    }

    /** Conditional models: the condition reaches the encoder and the decoder, with flows, priors and conv networks. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("conditionalRows")
    void everyConditionalModelsGradientMatchesCentralDifferences(String row) {
        assertGradientsMatchCentralDifferences(ComponentConfigs.conditional(row), ComponentConfigs.conditionalShape(row));
    }

    /** Two latent layers of a conditional model: the condition reaches the first layer's encoder and the decoder. */
    @Test
    void aConditionalModelOfTwoLatentLayersGradientMatchesCentralDifferences() {
        VaeConfig config = ComponentConfigs.latentLayers(ComponentConfigs.LATENT_LAYER_ROWS.get(1)).toBuilder()
                .condition(Condition.labels(3)).build();
        assertGradientsMatchCentralDifferences(config, FeatureShape.vector(6));
    }

    static List<String> conditionalRows() {
        return ComponentConfigs.CONDITIONAL_ROWS;
    }

    private static void assertGradientsMatchCentralDifferences(VaeConfig config, FeatureShape dataShape) {
        VaeGraph graph = Vae.create().newGraph(config, dataShape, DataType.DOUBLE);
        SameDiff sd = graph.sameDiff();
        INDArray x = Nd4j.rand(Nd4j.getRandomFactory().getNewRandomInstance(9), 4,
                        dataShape.size() + config.condition().width())
                .castTo(DataType.DOUBLE);
        Map<String, INDArray> feed = graph.feed(x, graph.noise(4, Nd4j.getRandomFactory().getNewRandomInstance(10)));
        List<String> names = new ArrayList<>();
        graph.forEachParameter((name, array) -> names.add(name));

        Map<String, INDArray> gradients = sd.calculateGradients(feed, names);

        int checked = 0;
        for (String name : names) {
            // Each weight descends its own objective's loss: the decoder's, a discriminator's, or the model's.
            String output = graph.objectives().get(graph.objectiveOf(name)).output();
            INDArray weights = sd.getArrForVarName(name);
            INDArray gradient = gradients.get(name);
            for (long i = 0; i < weights.length(); i++) {
                double original = weights.getDouble(i);
                weights.putScalar(i, original + H);
                double up = output(sd, feed, output);
                weights.putScalar(i, original - H);
                double down = output(sd, feed, output);
                weights.putScalar(i, original);
                double numeric = (up - down) / (2 * H);
                double analytic = gradient.getDouble(i);
                assertThat(Math.abs(numeric - analytic))
                        .as("%s[%d]: numeric %s, analytic %s", name, i, numeric, analytic)
                        .isLessThanOrEqualTo(1e-6 + 1e-5 * Math.abs(numeric));
                checked++;
            }
        }
        assertThat(checked).isGreaterThan(100);
    }

    private static double output(SameDiff sd, Map<String, INDArray> feed, String name) {
        return sd.output(feed, name).get(name).getDouble(0);
    }
}
