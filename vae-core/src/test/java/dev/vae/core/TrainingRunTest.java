package dev.vae.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.vae.core.data.DataSplit;
import dev.vae.core.data.ImageSet;
import dev.vae.core.plugin.PluginChoice;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A run stopped between two steps, saved and resumed reaches the weights and history of the
 * uninterrupted run bit for bit; a run that blows up stops with its epoch and a fitting hint.
 */
class TrainingRunTest {
    private static final VaeConfig CONFIG = VaeConfig.builder().epochs(3).hiddenDims(List.of(32)).seed(5).build();
    private static ImageSet train;
    private static ImageSet validation;
    private static TrainedVae uninterrupted;

    @TempDir
    Path dir;

    @BeforeAll
    static void trainWithoutStopping() throws IOException {
        DataSplit data = DataSplit.embedded();
        train = data.train().head(1050);
        validation = data.test().head(300);
        uninterrupted = Vae.create().train(CONFIG, train, validation, TrainingListener.NONE);
    }

    @Test
    void eachStepsLossReachesTheListenerAndTheirMeanIsTheEpochsTrainLoss() {
        double[] weighted = new double[3];
        long[] steps = new long[3];
        long[] seen = new long[1];
        TrainingListener listener = new TrainingListener() {
            @Override
            public void batchDone(int epoch, long examplesDone, long examplesTotal, double loss) {
                weighted[epoch - 1] += loss * (examplesDone - seen[0]);
                seen[0] = examplesDone == examplesTotal ? 0 : examplesDone;
                steps[epoch - 1]++;
            }

            @Override
            public void epochDone(EpochStats stats) {
            }
        };
        TrainedVae model = Vae.create().train(CONFIG, train, validation, listener);

        assertThat(steps).containsExactly(11, 11, 11);
        for (EpochStats s : model.history()) {
            assertThat(weighted[s.epoch() - 1] / train.size()).isCloseTo(s.trainLoss(), within(1e-9 * s.trainLoss()));
        }
        assertThat(model.history()).extracting(EpochStats::trainLoss)
                .isEqualTo(uninterrupted.history().stream().map(EpochStats::trainLoss).toList());
    }

    @Test
    void aRunStoppedMidEpochAndResumedMatchesTheUninterruptedOneBitForBit() throws IOException {
        assertResumedAfter(17);
    }

    @Test
    void aRunStoppedBetweenEpochsAndResumedMatchesTheUninterruptedOneBitForBit() throws IOException {
        assertResumedAfter(11);
    }

    @Test
    void aRunStoppedInTheFirstEpochAndStoppedAgainResumesTwice() throws IOException {
        Vae vae = Vae.create();
        stopped(vae, 3, "a.vae");
        TrainingRun again = vae.resume(dir.resolve("a.vae"), train, validation);
        again.fit(StopAfterSteps.of(20));
        again.saveCheckpoint(dir.resolve("b.vae"));
        TrainedVae resumed = vae.resume(dir.resolve("b.vae"), train, validation).fit(TrainingListener.NONE);

        assertSameRun(resumed, uninterrupted);
    }

    private void assertResumedAfter(int steps) throws IOException {
        TrainingRun run = stopped(Vae.create(), steps, "checkpoint.vae");
        assertThat(run.finished()).isFalse();
        assertThat((run.epoch() - 1) * run.batchesPerEpoch() + run.batchesDone()).isEqualTo(steps);

        TrainedVae resumed = Vae.create().resume(dir.resolve("checkpoint.vae"), train, validation)
                .fit(TrainingListener.NONE);

        assertSameRun(resumed, uninterrupted);
    }

    private static void assertSameRun(TrainedVae resumed, TrainedVae expected) {
        assertThat(resumed.history()).hasSize(3);
        for (int i = 0; i < 3; i++) {
            EpochStats a = resumed.history().get(i);
            EpochStats b = expected.history().get(i);
            assertThat(new double[] {a.trainLoss(), a.trainNelbo(), a.validationNelbo()}).as("epoch " + (i + 1))
                    .containsExactly(b.trainLoss(), b.trainNelbo(), b.validationNelbo());
        }
        expected.graph().forEachParameter((name, array) ->
                assertThat(resumed.graph().sameDiff().getArrForVarName(name)).as(name).isEqualTo(array));
    }

    @Test
    void aCheckpointIsAModelFileThatEvaluates() throws IOException {
        Vae vae = Vae.create();
        TrainingRun run = stopped(vae, 12, "checkpoint.vae");

        TrainedVae model = vae.load(dir.resolve("checkpoint.vae"));

        assertThat(model.history()).hasSize(1);
        assertThat(model.nelbo(validation.images(), 1)).isEqualTo(run.model().nelbo(validation.images(), 1));
        // An untrained decoder predicts p = 0.5 per pixel, 543 nats.
        assertThat(model.nelbo(validation.images(), 1).meanNumber().doubleValue()).isLessThan(500);
    }

    /** The thread count decides a run's bits, so a resumed run keeps the one it started with. */
    @Test
    void aResumedRunKeepsItsThreadCount() throws IOException {
        Vae vae = Vae.create();
        for (int threads : new int[] {1, 3}) {
            TrainingRun run = vae.start(CONFIG, train, validation, threads);
            run.fit(StopAfterSteps.of(4));
            run.saveCheckpoint(dir.resolve("threads" + threads + ".vae"));

            assertThat(vae.resume(dir.resolve("threads" + threads + ".vae"), train, validation).threads())
                    .isEqualTo(threads);
        }
    }

    @Test
    void otherDataThanTheRunsAreRefusedOnResume() throws IOException {
        Vae vae = Vae.create();
        stopped(vae, 2, "checkpoint.vae");
        ImageSet other = new ImageSet(train.images().mul(0.5), train.labels(), 28, 28);

        assertThatThrownBy(() -> vae.resume(dir.resolve("checkpoint.vae"), other, validation))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("the training data differ from those the run was trained on (1050 training and 300 "
                        + "validation images); resume with the run's own data");
    }

    @Test
    void aLossThatGrowsAMillionfoldStopsTheRunWithALowerLearningRateHint() {
        VaeConfig config = VaeConfig.builder().epochs(5).learningRate(0.3).seed(1).build();

        assertThatThrownBy(() -> Vae.create().train(config, train, validation, TrainingListener.NONE))
                .isInstanceOf(TrainingDivergedException.class)
                .hasMessageStartingWith("training diverged in epoch ")
                .hasMessageEndingWith("try a learning rate below 0.3 or a smaller network");
    }

    @Test
    void unstandardizedDataUnderAGaussianDivergeWithAStandardizeHint() {
        ImageSet raw = new ImageSet(train.images().mul(255), train.labels(), 28, 28);
        ImageSet rawValidation = new ImageSet(validation.images().mul(255), validation.labels(), 28, 28);
        VaeConfig config = VaeConfig.builder().epochs(5).likelihood(PluginChoice.parse("gaussian")).seed(1).build();

        assertThatThrownBy(() -> Vae.create().train(config, raw, rawValidation, TrainingListener.NONE))
                .isInstanceOf(TrainingDivergedException.class)
                .hasMessageContaining("standardize them (vae train --standardize)");
    }

    /** A new run stopped after {@code steps} steps, its checkpoint saved as {@code file} in the test's folder. */
    private TrainingRun stopped(Vae vae, int steps, String file) throws IOException {
        TrainingRun run = vae.start(CONFIG, train, validation);
        run.fit(StopAfterSteps.of(steps));
        run.saveCheckpoint(dir.resolve(file));
        return run;
    }
}
