package dev.vae.core;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vae.api.FeatureShape;
import dev.vae.core.CompiledStepPluginsTest.Graph;
import dev.vae.core.plugin.PluginChoice;
import dev.vae.core.training.CompiledStep;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.rng.Random;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Two plans of one gradient function, each on half a batch, run at the same time on two threads and
 * give the bits each gives alone: a run touches no state the other plan uses.
 */
class CompiledStepConcurrencyTest {
    private static final int ROUNDS = 60;

    @ParameterizedTest
    @ValueSource(strings = {"normal", "gumbel:categories=3,temperature=0.7"})
    void twoPlansOnOneGradientFunctionRunTogetherAsTheyRunAlone(String sampler) throws Exception {
        VaeConfig config = VaeConfig.builder().hiddenDims(List.of(32, 16)).latentDim(2).samples(2)
                .sampler(PluginChoice.parse(sampler)).seed(3).build();
        Graph g = CompiledStepPluginsTest.graph(config, FeatureShape.vector(20), DataType.FLOAT);
        Random rng = Nd4j.getRandomFactory().getNewRandomInstance(4);
        // The halves differ in data, noise and the scheduled scalars (a temperature), as two halves of
        // a batch in different epochs would.
        Map<String, INDArray> first = CompiledStepPluginsTest.feed(g, rng, 0);
        Map<String, INDArray> second = CompiledStepPluginsTest.feed(g, rng, 2);
        CompiledStep a = CompiledStep.plan(g.sd().getFunction("grad"), first, g.outputs());
        CompiledStep b = CompiledStep.plan(g.sd().getFunction("grad"), second, g.outputs());
        Map<String, INDArray> aloneA = CompiledStepPluginsTest.copy(a.run(first));
        Map<String, INDArray> aloneB = CompiledStepPluginsTest.copy(b.run(second));
        assertThat(Bits.of(aloneA.get(g.outputs().get(2)))).isNotEqualTo(Bits.of(aloneB.get(g.outputs().get(2))));

        CyclicBarrier together = new CyclicBarrier(2);
        ExecutorService threads = Executors.newFixedThreadPool(2);
        try {
            Future<List<String>> onA = threads.submit(() -> runs(a, first, aloneA, together));
            Future<List<String>> onB = threads.submit(() -> runs(b, second, aloneB, together));
            assertThat(onA.get(5, TimeUnit.MINUTES)).as("outputs of the first plan that differed").isEmpty();
            assertThat(onB.get(5, TimeUnit.MINUTES)).as("outputs of the second plan that differed").isEmpty();
        } finally {
            threads.shutdownNow();
        }
    }

    /** Runs a plan ROUNDS times, starting each round with the other thread; the outputs that differed. */
    private static List<String> runs(CompiledStep plan, Map<String, INDArray> feed, Map<String, INDArray> alone,
                                     CyclicBarrier together) throws Exception {
        List<String> differed = new ArrayList<>();
        Map<String, long[]> expected = new HashMap<>();
        alone.forEach((name, arr) -> expected.put(name, Bits.of(arr)));
        for (int round = 0; round < ROUNDS; round++) {
            together.await(1, TimeUnit.MINUTES);
            Map<String, INDArray> out = plan.run(feed);
            for (Map.Entry<String, INDArray> e : out.entrySet()) {
                if (!java.util.Arrays.equals(Bits.of(e.getValue()), expected.get(e.getKey()))) {
                    differed.add("round " + round + ": " + e.getKey());
                }
            }
        }
        return differed;
    }
}
