package dev.vae.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.vae.core.data.DataSplit;
import dev.vae.core.data.ImageSet;
import dev.vae.core.graph.VaeGraph;
import dev.vae.core.training.CompiledStep;
import dev.vae.core.training.StepProfiler;
import dev.vae.core.training.Trainer;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/** A step's profile accounts for the whole step and for every op of its plan; no timing is asserted. */
class StepProfileTest {
    private static final int BATCH = 100;

    @Test
    void theTutorialStepsProfileCoversItsPlanAndSumsToTheStep() throws IOException {
        ImageSet train = DataSplit.embedded().train();
        StepProfile p = Benchmark.run(Vae.create(), VaeConfig.builder().build(), train, 1, true).profile().orElseThrow();

        assertThat(p.planned()).as(p.refusal().orElse("")).isTrue();
        assertThat(p.ops()).isEqualTo(tutorialPlanSize(train));
        assertThat(p.opClasses().stream().mapToInt(StepProfile.OpClass::count).sum()).isEqualTo(p.ops());
        assertThat(p.opClasses()).extracting(StepProfile.OpClass::name).doesNotHaveDuplicates().contains("Mmul", "MmulBp");
        assertThat(p.opClasses()).allSatisfy(c -> assertThat(c.millis()).isNotNegative());
        assertThat(p.opClasses()).extracting(StepProfile.OpClass::millis).isSortedAccordingTo((a, b) -> Double.compare(b, a));
        assertThat(p.steps()).isGreaterThanOrEqualTo(20);
        assertThat(p.updateMillis()).isPositive();
        double shares = p.opClasses().stream().mapToDouble(c -> p.share(c.millis())).sum()
                + p.share(p.updateMillis()) + p.share(p.otherMillis());
        assertThat(shares).isCloseTo(100, within(1e-6));
    }

    @Test
    void aStepThatRunsThroughTheSessionIsNotProfiledAndSaysWhy() throws IOException {
        VaeGraph graph = Vae.create().newGraph(VaeConfig.builder().build(), VaeGraph.dataShape(28, 28), DataType.FLOAT);
        new Trainer(graph);
        Map<String, INDArray> feed = feed(graph, DataSplit.embedded().train());
        System.setProperty(Trainer.PLAN_PROPERTY, "false");
        try {
            StepProfile p = StepProfiler.profile(graph, () -> feed, 5);
            assertThat(p.planned()).isFalse();
            assertThat(p.refusal()).hasValueSatisfying(r -> assertThat(r).contains(Trainer.PLAN_PROPERTY + "=false"));
            assertThat(p.opClasses()).isEmpty();
        } finally {
            System.clearProperty(Trainer.PLAN_PROPERTY);
        }
    }

    private static int tutorialPlanSize(ImageSet train) {
        VaeGraph graph = Vae.create().newGraph(VaeConfig.builder().build(), VaeGraph.dataShape(28, 28), DataType.FLOAT);
        new Trainer(graph);
        List<String> outputs = new ArrayList<>(List.of(VaeGraph.LOSS, VaeGraph.NELBO));
        graph.forEachParameter((name, array) -> outputs.add(graph.sameDiff().getVariable(name).getGradient().name()));
        return CompiledStep.plan(graph.sameDiff().getFunction("grad"), feed(graph, train), outputs).size();
    }

    private static Map<String, INDArray> feed(VaeGraph graph, ImageSet train) {
        INDArray x = train.images().get(NDArrayIndex.interval(0, BATCH), NDArrayIndex.all()).castTo(DataType.FLOAT).dup();
        return graph.feed(x, graph.noise(BATCH, Nd4j.getRandomFactory().getNewRandomInstance(3)));
    }
}
