package dev.vae.core;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vae.api.FeatureShape;
import dev.vae.core.graph.VaeGraph;
import dev.vae.core.plugin.PluginChoice;
import dev.vae.core.training.CompiledStep;
import java.io.OutputStream;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.autodiff.samediff.api.OutAndGrad;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.rng.Random;
import org.nd4j.linalg.factory.Nd4j;

/**
 * For every plugin combination of {@link GradientTest}, in float and in double, the loss, the NELBO
 * and every gradient from a compiled step equal SameDiff's session to the last bit, batch after
 * batch with the weights and the scheduled scalars (Gumbel's temperature) changing in between.
 */
class CompiledStepPluginsTest {
    private static final int BATCH = 6;

    /** The rows of GradientTest's two parameterized tests, as configurations and data shapes. */
    static Stream<Arguments> combinations() {
        List<Arguments> rows = new ArrayList<>();
        String[] vectorRows = {"1; 2; normal; bernoulli; kl", "3; 2; normal; bernoulli; kl",
            "1; 1; normal; bernoulli; kl", "2; 2; laplace; gaussian; kl", "1; 2; gumbel:categories=3,temperature=0.7; bernoulli; kl",
            "1; 2; normal; gaussian:fixed_variance=0.5; kl", "3; 2; normal; bernoulli; alpha:alpha=0", "3; 2; normal; bernoulli; chi",
            "2; 2; gumbel:categories=3,temperature=0.7; bernoulli; chi"};
        for (String row : vectorRows) {
            String[] f = row.split("; ");
            VaeConfig config = VaeConfig.builder().hiddenDims(List.of(6, 5)).latentDim(Integer.parseInt(f[1]))
                    .samples(Integer.parseInt(f[0])).sampler(PluginChoice.parse(f[2]))
                    .likelihood(PluginChoice.parse(f[3])).divergence(PluginChoice.parse(f[4]))
                    .activation("tanh").seed(5).build();
            rows.add(Arguments.of(row, config, FeatureShape.vector(7)));
        }
        String[] componentRows = {
            "mixture prior; normal; mixture:components=3; ; mlp:hidden=5; mlp:hidden=5; bernoulli; kl; 1",
            "mixture prior, IWAE; normal; mixture:components=2; ; mlp:hidden=5; mlp:hidden=5; bernoulli; alpha:alpha=0; 3",
            "mixture prior and planar flow, chi; normal; mixture:components=2; planar:length=1; mlp:hidden=5; mlp:hidden=5; bernoulli; chi; 2",
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
            "vamp prior; normal; vamp:components=3; ; mlp:hidden=5; mlp:hidden=5; bernoulli; kl; 1",
            "vamp prior, Laplace, chi; laplace; vamp:components=2,inputs=linear; ; mlp:hidden=5; mlp:hidden=5; bernoulli; chi; 2",
            "avb, normal family; normal; ; ; mlp:hidden=5; mlp:hidden=5; bernoulli; avb:hidden=4,3; 1",
            "avb, implicit family, K = 2; implicit:features=3,noise=2,hidden=4; ; ; mlp:hidden=5; mlp:hidden=5; bernoulli; avb:hidden=4; 2",
            "avb, implicit family, planar flow; implicit:features=3,noise=2,hidden=4; ; planar:length=1; mlp:hidden=5; mlp:hidden=5; gaussian; avb:hidden=3,steps=2; 1",
            "avb, adaptive contrast, mixture prior, K = 2; normal; mixture:components=2; ; mlp:hidden=5; mlp:hidden=5; bernoulli; avb:hidden=4,contrast=adaptive; 2",
            "avb, adaptive contrast, implicit family, K = 3; implicit:features=3,noise=2,hidden=4; ; ; mlp:hidden=5; mlp:hidden=5; bernoulli; avb:hidden=4,contrast=adaptive; 3"};
        for (String row : componentRows) {
            String[] f = row.split(";", -1);
            rows.add(Arguments.of(f[0], ComponentConfigs.of(f[1], f[2], f[3], f[4], f[5], f[6], f[7],
                    Integer.parseInt(f[8].trim())), new FeatureShape(1, 5, 6)));
        }
        for (String row : ComponentConfigs.LATENT_LAYER_ROWS) {
            rows.add(Arguments.of(row.substring(0, row.indexOf(';')), ComponentConfigs.latentLayers(row),
                    FeatureShape.vector(6)));
        }
        for (String row : ComponentConfigs.CONDITIONAL_ROWS) {
            rows.add(Arguments.of(row.substring(0, row.indexOf(';')), ComponentConfigs.conditional(row),
                    ComponentConfigs.conditionalShape(row)));
        }
        List<Arguments> both = new ArrayList<>();
        for (Arguments a : rows) {
            for (DataType type : List.of(DataType.FLOAT, DataType.DOUBLE)) {
                both.add(Arguments.of(a.get()[0], a.get()[1], a.get()[2], type));
            }
        }
        return both.stream();
    }

    @ParameterizedTest(name = "{0}, {3}")
    @MethodSource("combinations")
    void lossNelboAndEveryGradientFromThePlanEqualTheSessionsBitForBit(String what, VaeConfig config,
                                                                         FeatureShape shape, DataType type) {
        Graph g = graph(config, shape, type);
        Random rng = Nd4j.getRandomFactory().getNewRandomInstance(11);
        CompiledStep plan = CompiledStep.plan(g.sd().getFunction("grad"), feed(g, rng, 0), g.outputs());
        for (int batch = 0; batch < 3; batch++) {
            Map<String, INDArray> feed = feed(g, rng, batch);
            Map<String, INDArray> planned = copy(plan.run(feed));
            OutAndGrad session = g.sd().calculateGradientsAndOutputs(feed, List.of(VaeGraph.LOSS, VaeGraph.NELBO),
                    g.parameters());
            assertThat(Bits.of(planned.get(VaeGraph.LOSS))).as("loss, batch " + batch)
                    .containsExactly(Bits.of(session.getOutputs().get(VaeGraph.LOSS)));
            assertThat(Bits.of(planned.get(VaeGraph.NELBO))).as("nelbo, batch " + batch)
                    .containsExactly(Bits.of(session.getOutputs().get(VaeGraph.NELBO)));
            for (int i = 0; i < g.parameters().size(); i++) {
                INDArray expected = session.getGradients().get(g.parameters().get(i));
                INDArray actual = planned.get(g.outputs().get(i + 2));
                assertThat(actual.shape()).as(g.parameters().get(i)).isEqualTo(expected.shape());
                assertThat(Bits.of(actual)).as("gradient of " + g.parameters().get(i) + ", batch " + batch)
                        .containsExactly(Bits.of(expected));
            }
            for (int i = 0; i < g.parameters().size(); i++) {
                g.sd().getArrForVarName(g.parameters().get(i))
                        .subi(session.getGradients().get(g.parameters().get(i)).mul(0.05));
            }
        }
    }

    @ParameterizedTest(name = "{0}, {3}")
    @MethodSource("combinations")
    void thePlanRunTwiceOnOneBatchGivesTheSameBits(String what, VaeConfig config, FeatureShape shape, DataType type) {
        Graph g = graph(config, shape, type);
        Random rng = Nd4j.getRandomFactory().getNewRandomInstance(12);
        Map<String, INDArray> feed = feed(g, rng, 0);
        CompiledStep plan = CompiledStep.plan(g.sd().getFunction("grad"), feed, g.outputs());
        Map<String, INDArray> first = copy(plan.run(feed));
        plan.run(feed(g, rng, 1));
        Map<String, INDArray> again = plan.run(feed);
        for (String name : g.outputs()) {
            assertThat(Bits.of(again.get(name))).as(name).containsExactly(Bits.of(first.get(name)));
        }
    }

    record Graph(VaeGraph graph, SameDiff sd, List<String> parameters, List<String> outputs) {
    }

    /** A graph with its gradient function; outputs are loss, NELBO and each weight's gradient. */
    static Graph graph(VaeConfig config, FeatureShape shape, DataType type) {
        VaeGraph graph = Vae.create().newGraph(config, shape, type);
        SameDiff sd = graph.sameDiff();
        PrintStream out = System.out;
        System.setOut(new PrintStream(OutputStream.nullOutputStream()));
        try {
            sd.createGradFunction();
        } finally {
            System.setOut(out);
        }
        List<String> parameters = new ArrayList<>();
        graph.forEachParameter((name, array) -> parameters.add(name));
        List<String> outputs = new ArrayList<>(List.of(VaeGraph.LOSS, VaeGraph.NELBO));
        for (String p : parameters) {
            outputs.add(sd.getVariable(p).getGradient().name());
        }
        return new Graph(graph, sd, parameters, outputs);
    }

    /**
     * A batch of data in [0, 1) and fresh noise; every scheduled scalar (a temperature) is scaled by a
     * factor that changes with the batch, so a plan that kept an earlier value would disagree.
     */
    static Map<String, INDArray> feed(Graph g, Random rng, int batch) {
        int width = g.graph().dataShape().size() + g.graph().config().condition().width();
        INDArray x = Nd4j.rand(rng, BATCH, width).castTo(g.graph().dataType());
        Map<String, INDArray> feed = new HashMap<>(g.graph().feed(x, g.graph().noise(BATCH, rng)));
        for (Map.Entry<String, INDArray> e : new ArrayList<>(feed.entrySet())) {
            if (e.getValue().isScalar()) {
                feed.put(e.getKey(), e.getValue().mul(1 + 0.25 * batch));
            }
        }
        return feed;
    }

    static Map<String, INDArray> copy(Map<String, INDArray> arrays) {
        Map<String, INDArray> copy = new LinkedHashMap<>();
        arrays.forEach((name, arr) -> copy.put(name, arr.dup()));
        return copy;
    }
}
