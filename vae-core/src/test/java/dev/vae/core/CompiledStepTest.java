package dev.vae.core;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vae.core.data.DataSplit;
import dev.vae.core.data.ImageSet;
import dev.vae.core.graph.VaeGraph;
import dev.vae.core.training.CompiledStep;
import dev.vae.core.training.Trainer;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.autodiff.samediff.api.OutAndGrad;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.rng.Random;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/** A compiled step computes what SameDiff's session computes, bit for bit. */
class CompiledStepTest {
    private static final int BATCH = 100;

    private record Setup(VaeGraph graph, SameDiff sd, List<String> parameters, List<String> outputs,
                         List<String> gradients, ImageSet train) {
    }

    private static Setup setup() throws IOException {
        VaeGraph graph = Vae.create().newGraph(VaeConfig.builder().build(), VaeGraph.dataShape(28, 28), DataType.FLOAT);
        new Trainer(graph); // builds the gradient function
        SameDiff sd = graph.sameDiff();
        List<String> parameters = new ArrayList<>();
        graph.forEachParameter((name, array) -> parameters.add(name));
        List<String> gradients = new ArrayList<>();
        for (String p : parameters) {
            gradients.add(sd.getVariable(p).getGradient().name());
        }
        List<String> outputs = new ArrayList<>(List.of(VaeGraph.LOSS, VaeGraph.NELBO));
        outputs.addAll(gradients);
        return new Setup(graph, sd, parameters, outputs, gradients, DataSplit.embedded().train());
    }

    private static Map<String, INDArray> feed(Setup s, int batch, Random rng) {
        INDArray x = s.train().images().get(NDArrayIndex.interval((long) batch * BATCH, (long) (batch + 1) * BATCH),
                NDArrayIndex.all()).castTo(DataType.FLOAT).dup();
        return s.graph().feed(x, s.graph().noise(BATCH, rng));
    }

    @Test
    void lossNelboAndEveryGradientEqualTheSessionsBitForBit() throws IOException {
        Setup s = setup();
        Random rng = Nd4j.getRandomFactory().getNewRandomInstance(5);
        CompiledStep plan = CompiledStep.plan(s.sd().getFunction("grad"), feed(s, 0, rng), s.outputs());
        System.out.println("compiled step: " + plan.size() + " ops " + plan.opCounts());
        for (int batch = 0; batch < 4; batch++) {
            Map<String, INDArray> feed = feed(s, batch, rng);
            Map<String, INDArray> planned = new LinkedHashMap<>();
            plan.run(feed).forEach((name, arr) -> planned.put(name, arr.dup()));
            OutAndGrad session = s.sd().calculateGradientsAndOutputs(feed, List.of(VaeGraph.LOSS, VaeGraph.NELBO),
                    s.parameters());
            assertThat(bits(planned.get(VaeGraph.LOSS))).as("loss, batch " + batch)
                    .containsExactly(bits(session.getOutputs().get(VaeGraph.LOSS)));
            assertThat(bits(planned.get(VaeGraph.NELBO))).as("nelbo, batch " + batch)
                    .containsExactly(bits(session.getOutputs().get(VaeGraph.NELBO)));
            for (int i = 0; i < s.parameters().size(); i++) {
                INDArray expected = session.getGradients().get(s.parameters().get(i));
                INDArray actual = planned.get(s.gradients().get(i));
                assertThat(bits(actual)).as(s.gradients().get(i) + ", batch " + batch)
                        .containsExactly(bits(expected));
                assertThat(actual.shape()).isEqualTo(expected.shape());
            }
            // Move the weights so the next batch sees other values, as training would; after the
            // second batch, replace one weight's array object instead of updating it in place.
            for (int i = 0; i < s.parameters().size(); i++) {
                s.sd().getArrForVarName(s.parameters().get(i))
                        .subi(session.getGradients().get(s.parameters().get(i)).mul(1e-3));
            }
            if (batch == 1) {
                String first = s.parameters().get(0);
                INDArray before = s.sd().getFunction("grad").getArrForVarName(first);
                s.sd().getFunction("grad").getVariable(first).setArray(s.sd().getArrForVarName(first).mul(0.5));
                assertThat(s.sd().getFunction("grad").getArrForVarName(first)).isNotSameAs(before);
                s.sd().getVariable(first).setArray(s.sd().getFunction("grad").getArrForVarName(first));
            }
        }
    }

    @Test
    void eachRewriteKeepsEveryBitAndRemovesWorkFromTheTutorialsStep() throws IOException {
        Setup s = setup();
        Random rng = Nd4j.getRandomFactory().getNewRandomInstance(6);
        Map<String, INDArray> first = feed(s, 0, rng);
        SameDiff grad = s.sd().getFunction("grad");
        CompiledStep none = CompiledStep.plan(grad, first, s.outputs(), Set.of());
        CompiledStep identical = CompiledStep.plan(grad, first, s.outputs(), Set.of(CompiledStep.Rewrite.IDENTICAL_OPS));
        CompiledStep matmul = CompiledStep.plan(grad, first, s.outputs(),
                Set.of(CompiledStep.Rewrite.UNUSED_MATMUL_GRADIENT));
        System.out.println("compiled step without rewrites: " + none.size() + " ops " + none.opCounts()
                + "; identical ops merged: " + identical.size() + " " + identical.opCounts()
                + "; unused matmul gradient skipped: " + matmul.size() + " " + matmul.opCounts());

        assertThat(identical.size()).isLessThan(none.size());
        assertThat(matmul.size()).isEqualTo(none.size());
        assertThat(matmul.opCounts().get("MmulBp")).isEqualTo(none.opCounts().get("MmulBp") - 1);
        assertThat(matmul.opCounts().get("Mmul")).isEqualTo(none.opCounts().get("Mmul") + 1);
        for (int batch = 1; batch < 4; batch++) {
            Map<String, INDArray> feed = feed(s, batch, rng);
            OutAndGrad session = s.sd().calculateGradientsAndOutputs(feed, List.of(VaeGraph.LOSS, VaeGraph.NELBO),
                    s.parameters());
            for (CompiledStep plan : List.of(none, identical, matmul)) {
                Map<String, INDArray> out = plan.run(feed);
                assertThat(bits(out.get(VaeGraph.LOSS))).containsExactly(bits(session.getOutputs().get(VaeGraph.LOSS)));
                assertThat(bits(out.get(VaeGraph.NELBO))).containsExactly(bits(session.getOutputs().get(VaeGraph.NELBO)));
                for (int i = 0; i < s.parameters().size(); i++) {
                    assertThat(bits(out.get(s.gradients().get(i)))).as(s.gradients().get(i) + ", batch " + batch)
                            .containsExactly(bits(session.getGradients().get(s.parameters().get(i))));
                }
            }
        }
    }

    @Test
    void onlyOpsOfEqualClassInputsAndArgumentsAreMergedAndRequestedOutputsKeepTheirOwnArrays() {
        SameDiff sd = SameDiff.create();
        org.nd4j.autodiff.samediff.SDVariable in = sd.placeHolder("in", DataType.FLOAT, -1, 3);
        sd.math.exp("e1", in).add("sum", sd.math.exp("e2", in));
        in.mul("twice", 2.0);
        in.mul("thrice", 3.0);
        in.add("plus", 2.0);
        sd.math.log("log1", in);
        sd.math.log("log2", in);
        List<String> names = List.of("sum", "twice", "thrice", "plus", "log1", "log2");
        INDArray x = Nd4j.rand(DataType.FLOAT, 2, 3).addi(0.5);

        CompiledStep plan = CompiledStep.plan(sd, Map.of("in", x), names);

        // exp, add, the two scalar products, the scalar sum and both logs: the second exp is merged.
        assertThat(plan.size()).isEqualTo(7);
        Map<String, INDArray> out = plan.run(Map.of("in", x));
        assertThat(out.get("log1")).isNotSameAs(out.get("log2"));
        Map<String, INDArray> session = sd.output(Map.of("in", x), names.toArray(new String[0]));
        for (String name : names) {
            assertThat(bits(out.get(name))).as(name).containsExactly(bits(session.get(name)));
        }
    }

    @Test
    void aTrainerOnThePlanTakesTheSameStepsAsOneOnTheSessionAcrossAPartialLastBatch() throws IOException {
        trainersAgree(VaeConfig.builder().build());
    }

    @Test
    void soTheyDoForChiWithThreeSamples() throws IOException {
        trainersAgree(VaeConfig.builder().samples(3).divergence(dev.vae.core.plugin.PluginChoice.parse("chi")).build());
    }

    @Test
    void soTheyDoForAGaussianLikelihood() throws IOException {
        trainersAgree(VaeConfig.builder()
                .likelihood(dev.vae.core.plugin.PluginChoice.parse("gaussian:fixed_variance=1")).build());
    }

    private static void trainersAgree(VaeConfig config) throws IOException {
        ImageSet train = DataSplit.embedded().train().head(1050);
        VaeGraph planned = Vae.create().newGraph(config, VaeGraph.dataShape(28, 28), DataType.FLOAT);
        VaeGraph session = Vae.create().newGraph(config, VaeGraph.dataShape(28, 28), DataType.FLOAT);
        Trainer onPlan = new Trainer(planned);
        Trainer onSession;
        System.setProperty(Trainer.PLAN_PROPERTY, "false");
        try {
            onSession = new Trainer(session);
        } finally {
            System.clearProperty(Trainer.PLAN_PROPERTY);
        }
        Random rng = Nd4j.getRandomFactory().getNewRandomInstance(9);
        for (int epoch = 0; epoch < 2; epoch++) {
            for (int start = 0; start < train.size(); start += BATCH) {
                int end = Math.min(train.size(), start + BATCH);
                INDArray x = train.images().get(NDArrayIndex.interval(start, end), NDArrayIndex.all())
                        .castTo(DataType.FLOAT).dup();
                INDArray eps = planned.noise(end - start, rng);
                Trainer.Step a = onPlan.step(planned.feed(x, eps));
                Trainer.Step b = onSession.step(session.feed(x, eps));
                assertThat(onPlan.planned()).isTrue();
                assertThat(onSession.planned()).isFalse();
                assertThat(Double.doubleToRawLongBits(a.loss())).as("loss at " + start)
                        .isEqualTo(Double.doubleToRawLongBits(b.loss()));
                assertThat(Double.doubleToRawLongBits(a.nelbo())).isEqualTo(Double.doubleToRawLongBits(b.nelbo()));
            }
        }
        planned.forEachParameter((name, array) ->
                assertThat(bits(array)).as(name).containsExactly(bits(session.sameDiff().getArrForVarName(name))));
    }

    /** A model with an op the plan does not run (elu's) trains through SameDiff's session, on two threads. */
    @Test
    void aModelWithAnOpOffTheAllowlistFallsBackAndStillTrains() throws IOException {
        VaeConfig config = VaeConfig.builder().hiddenDims(List.of(64)).activation("elu").build();
        VaeGraph graph = Vae.create().newGraph(config, VaeGraph.dataShape(28, 28), DataType.FLOAT);
        Trainer trainer = new Trainer(graph, Map.of(), 0, 2);
        ImageSet train = DataSplit.embedded().train();
        Random rng = Nd4j.getRandomFactory().getNewRandomInstance(3);
        List<String> outputs = new ArrayList<>(List.of(VaeGraph.LOSS));
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> CompiledStep.plan(graph.sameDiff().getFunction("grad"),
                feed(graph, train, 0, rng), outputs)).hasMessageContaining("impl.transforms.strict.ELU");

        double first = 0;
        double last = 0;
        for (int batch = 0; batch < 40; batch++) {
            double loss = trainer.step(feed(graph, train, batch, rng)).loss();
            assertThat(trainer.planned()).isFalse();
            first += batch < 5 ? loss / 5 : 0;
            last += batch >= 35 ? loss / 5 : 0;
        }
        assertThat(last).as("mean loss of the last 5 steps against the first 5").isLessThan(first - 50);
    }

    private static Map<String, INDArray> feed(VaeGraph graph, ImageSet train, int batch, Random rng) {
        INDArray x = train.images().get(NDArrayIndex.interval((long) batch * BATCH, (long) (batch + 1) * BATCH),
                NDArrayIndex.all()).castTo(DataType.FLOAT).dup();
        return graph.feed(x, graph.noise(BATCH, rng));
    }

    @Test
    void anOpOffTheAllowlistIsRefusedByName() {
        SameDiff sd = SameDiff.create();
        org.nd4j.autodiff.samediff.SDVariable in = sd.placeHolder("in", DataType.FLOAT, -1, 3);
        sd.math.cos("wave", in);
        Map<String, INDArray> feed = Map.of("in", Nd4j.rand(DataType.FLOAT, 2, 3));

        org.assertj.core.api.Assertions.assertThatThrownBy(() -> CompiledStep.plan(sd, feed, List.of("wave")))
                .isInstanceOf(UnsupportedOperationException.class)
                .hasMessageContaining("op cos (output wave) of class org.nd4j.linalg.api.ops.impl.transforms.strict.Cos");
    }

    @Test
    void aPlaceholderOfAnotherShapeOrTypeIsRefusedAtRun() {
        SameDiff sd = SameDiff.create();
        org.nd4j.autodiff.samediff.SDVariable in = sd.placeHolder("in", DataType.FLOAT, -1, 3);
        sd.math.exp("e", in);
        CompiledStep plan = CompiledStep.plan(sd, Map.of("in", Nd4j.rand(DataType.FLOAT, 2, 3)), List.of("e"));

        INDArray x = Nd4j.rand(DataType.FLOAT, 2, 3);
        assertThat(bits(plan.run(Map.of("in", x)).get("e"))).containsExactly(bits(sd.output(Map.of("in", x), "e").get("e")));
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> plan.run(Map.of("in", Nd4j.rand(DataType.FLOAT, 4, 3))))
                .hasMessageContaining("placeholder in is FLOAT [4, 3]; the plan was built for FLOAT [2, 3]");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> plan.run(Map.of("in", Nd4j.rand(DataType.DOUBLE, 2, 3))))
                .isInstanceOf(IllegalArgumentException.class);
    }

    /** The raw bits of each float, so that the comparison has no tolerance. */
    private static int[] bits(INDArray arr) {
        float[] values = arr.dup('c').data().asFloat();
        int[] bits = new int[values.length];
        for (int i = 0; i < values.length; i++) {
            bits[i] = Float.floatToRawIntBits(values[i]);
        }
        return bits;
    }
}
