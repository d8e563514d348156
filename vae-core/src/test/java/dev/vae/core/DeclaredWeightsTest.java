package dev.vae.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vae.api.FeatureShape;
import dev.vae.api.Initializer;
import dev.vae.api.LogWeights;
import dev.vae.api.ParamValues;
import dev.vae.api.ValueRange;
import dev.vae.api.WeightScope;
import dev.vae.api.spi.Divergence;
import dev.vae.api.spi.Likelihood;
import dev.vae.core.data.DataSplit;
import dev.vae.core.graph.DeclaredWeights;
import dev.vae.core.graph.VaeGraph;
import dev.vae.core.plugin.DiscoveredPlugins;
import dev.vae.core.plugin.PluginCatalog;
import dev.vae.core.plugin.PluginChoice;
import dev.vae.core.plugin.PluginException;
import dev.vae.core.plugin.PluginKind;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * Weights belong to the component that declares them: a plugin's weight is trained, saved, loaded
 * and counted like the networks'; a variable a plugin makes without declaring it is refused; the
 * shapes a model file is checked against are those the graph declares.
 */
class DeclaredWeightsTest {

    /** Bernoulli pixels whose logits a learned scalar scales: a likelihood that owns a weight. */
    static final class ScaledBernoulli implements Likelihood {
        private final boolean declares;

        ScaledBernoulli(boolean declares) {
            this.declares = declares;
        }

        @Override
        public String name() {
            return declares ? "scaled-bernoulli" : "sneaky-bernoulli";
        }

        @Override
        public String description() {
            return "Bernoulli pixels from scaled logits";
        }

        @Override
        public Likelihood configure(ParamValues values) {
            return this;
        }

        @Override
        public int outputsPerDimension() {
            return 1;
        }

        @Override
        public SDVariable logProb(SameDiff sd, SDVariable x, SDVariable logits, int dimension) {
            throw new UnsupportedOperationException("the framework declares weights");
        }

        @Override
        public SDVariable logProb(WeightScope weights, SDVariable x, SDVariable decoderOut, int dimension) {
            SameDiff sd = weights.sameDiff();
            SDVariable scale = declares ? weights.declare("scale", new long[] {1}, Initializer.constant(1))
                    : sd.var("sneaky", Nd4j.ones(DataType.FLOAT, 1));
            SDVariable logits = decoderOut.mul(scale);
            SDVariable softplus = sd.nn.relu(logits, 0).add(sd.math.log1p(sd.math.exp(sd.math.abs(logits).neg())));
            return x.mul(logits).sub(softplus).sum(1);
        }

        @Override
        public INDArray mean(INDArray logits) {
            return Transforms.sigmoid(logits, true);
        }

        @Override
        public ValueRange support() {
            return new ValueRange(0, 1);
        }
    }

    /** The ELBO, whose loss also pulls a weight of its own toward 3: a divergence that owns a weight. */
    static final class ElboWithAnchor implements Divergence {
        @Override
        public String name() {
            return "elbo-with-anchor";
        }

        @Override
        public String description() {
            return "the ELBO plus (w - 3)^2 for a weight w of its own";
        }

        @Override
        public Divergence configure(ParamValues values) {
            return this;
        }

        @Override
        public SDVariable bound(SameDiff sd, LogWeights terms) {
            return terms.elbo();
        }

        @Override
        public SDVariable loss(WeightScope weights, LogWeights terms) {
            SDVariable w = weights.declare("w", new long[] {1}, Initializer.zeros());
            return bound(weights.sameDiff(), terms).mean().neg().add(weights.sameDiff().math.square(w.sub(3)).sum());
        }
    }

    private static Vae withLikelihood(Likelihood likelihood) {
        DiscoveredPlugins builtIn = DiscoveredPlugins.find();
        List<Likelihood> likelihoods = new java.util.ArrayList<>(builtIn.of(PluginKind.LIKELIHOOD));
        likelihoods.add(likelihood);
        return Vae.create(builtIn.toBuilder().add(PluginKind.LIKELIHOOD, likelihoods).build());
    }

    @Test
    void aPluginsDeclaredWeightIsTrainedSavedLoadedAndCounted(@TempDir Path dir) throws Exception {
        Vae vae = withLikelihood(new ScaledBernoulli(true));
        DataSplit data = DataSplit.embedded();
        VaeConfig config = VaeConfig.builder().epochs(2).hiddenDims(List.of(16))
                .likelihood(PluginChoice.parse("scaled-bernoulli")).build();

        TrainedVae model = vae.train(config, data.train().head(500), data.test().head(100), TrainingListener.NONE);
        float scale = model.graph().sameDiff().getArrForVarName("likelihood.scale").getFloat(0);
        model.save(dir.resolve("model.vae"));
        TrainedVae loaded = vae.load(dir.resolve("model.vae"));

        assertThat(scale).isNotEqualTo(1f);
        assertThat(loaded.graph().sameDiff().getArrForVarName("likelihood.scale").getFloat(0)).isEqualTo(scale);
        assertThat(loaded.nelbo(data.test().head(100).images(), 3)).isEqualTo(model.nelbo(data.test().head(100).images(), 3));
        assertThat(model.summary().table()).containsPattern("likelihood +likelihood scaled-bernoulli +\\(None, 784\\) +1\\b");
    }

    @Test
    void aDivergencesDeclaredWeightIsTrainedSavedAndCounted(@TempDir Path dir) throws Exception {
        DiscoveredPlugins builtIn = DiscoveredPlugins.find();
        List<Divergence> divergences = new java.util.ArrayList<>(builtIn.of(PluginKind.DIVERGENCE));
        divergences.add(new ElboWithAnchor());
        Vae vae = Vae.create(builtIn.toBuilder().add(PluginKind.DIVERGENCE, divergences).build());
        DataSplit data = DataSplit.embedded();
        VaeConfig config = VaeConfig.builder().epochs(2).hiddenDims(List.of(16))
                .divergence(PluginChoice.parse("elbo-with-anchor")).build();

        TrainedVae model = vae.train(config, data.train().head(500), data.test().head(100), TrainingListener.NONE);
        float w = model.graph().sameDiff().getArrForVarName("divergence.w").getFloat(0);
        model.save(dir.resolve("model.vae"));

        assertThat(w).isGreaterThan(0f).isLessThan(3f);
        assertThat(vae.load(dir.resolve("model.vae")).graph().sameDiff().getArrForVarName("divergence.w").getFloat(0))
                .isEqualTo(w);
        assertThat(model.summary().table()).containsPattern("divergence +divergence elbo-with-anchor +\\(None, 1\\) +1\\b");
    }

    @Test
    void aVariableAPluginMakesWithoutDeclaringItIsRefused() throws Exception {
        Vae vae = withLikelihood(new ScaledBernoulli(false));
        DataSplit data = DataSplit.embedded();
        VaeConfig config = VaeConfig.builder().epochs(1).likelihood(PluginChoice.parse("sneaky-bernoulli")).build();

        assertThatThrownBy(() -> vae.train(config, data.train().head(100), data.test().head(100), TrainingListener.NONE))
                .isInstanceOf(PluginException.class)
                .hasMessage("the likelihood sneaky-bernoulli made the graph variable 'sneaky' without declaring it as a "
                        + "weight (WeightScope.declare), so it would be neither trained nor saved");
    }

    @Test
    void aWeightDeclaredTwiceWithAnotherShapeOrABadNameIsRefused() {
        DeclaredWeights weights = new DeclaredWeights(SameDiff.create(),
                DeclaredWeights.initial(DataType.FLOAT, Nd4j.getRandomFactory().getNewRandomInstance(1)));
        WeightScope scope = weights.scope("prior");
        scope.declare("means", new long[] {3, 2}, Initializer.zeros());

        assertThat(scope.declare("means", new long[] {3, 2}, Initializer.zeros()).name()).isEqualTo("prior.means");
        assertThatThrownBy(() -> scope.declare("means", new long[] {2}, Initializer.zeros()))
                .hasMessage("prior declares weight means as [2] after declaring it as [3, 2]");
        assertThatThrownBy(() -> scope.declare("a/b", new long[] {2}, Initializer.zeros()))
                .hasMessage("prior declares a weight named 'a/b'; names are letters, digits, '.', '_' and '-'");
        assertThatThrownBy(() -> scope.declare("c", new long[] {0}, Initializer.zeros()))
                .hasMessage("prior declares weight c of shape [0]; every dimension must be at least 1");
        assertThat(weights.count("prior")).isEqualTo(6);
    }

    @Test
    void theShapesAModelFileIsCheckedAgainstAreThoseOfTheGraphsWeights() {
        Vae vae = Vae.create();
        for (VaeConfig config : List.of(VaeConfig.builder().build(),
                VaeConfig.builder().hiddenDims(List.of(16, 8)).likelihood(PluginChoice.parse("gaussian"))
                        .sampler(PluginChoice.parse("gumbel:categories=3")).latentDim(5).build())) {
            PluginCatalog.Components components = vae.plugins().resolve(config);
            VaeGraph graph = VaeGraph.initialized(config, components, FeatureShape.vector(12), DataType.FLOAT,
                    Nd4j.getRandomFactory().getNewRandomInstance(1));
            Map<String, List<Long>> actual = new LinkedHashMap<>();
            graph.forEachParameter((name, array) -> actual.put(name, box(array.shape())));
            Map<String, List<Long>> expected = new LinkedHashMap<>();
            VaeGraph.weightShapes(config, components, FeatureShape.vector(12)).forEach((name, shape) -> expected.put(name, box(shape)));

            assertThat(expected).containsExactlyEntriesOf(actual);
        }
    }

    private static List<Long> box(long[] shape) {
        return java.util.Arrays.stream(shape).boxed().toList();
    }
}
