package dev.vae.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vae.core.data.DataSplit;
import dev.vae.core.data.ImageSet;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Early stopping ends a run PATIENCE epochs after its best validation NELBO and leaves the weights of
 * a run of just the best epoch's length, bit for bit; a checkpoint of a stopped run stays stopped.
 */
class EarlyStoppingTest {
    private static final int EPOCHS = 30;
    private static final int PATIENCE = 2;
    /** A fast rate on few images, so that the validation NELBO turns up within the epochs. */
    private static final VaeConfig CONFIG = VaeConfig.builder().epochs(EPOCHS).hiddenDims(List.of(64)).batchSize(20)
            .learningRate(1e-2).seed(3).build();
    private static ImageSet train;
    private static ImageSet validation;
    private static List<EpochStats> full;

    @TempDir
    Path dir;

    @BeforeAll
    static void trainEveryEpoch() throws IOException {
        DataSplit data = DataSplit.embedded();
        train = data.train().head(100);
        validation = data.test().head(50);
        full = Vae.create().train(CONFIG, train, validation, TrainingListener.NONE).history();
    }

    @Test
    void stopsPatienceEpochsAfterTheBestAndKeepsTheBestEpochsWeightsBitForBit() {
        int stop = expectedStop();
        assertThat(stop).as("the validation NELBO must stop improving within the run for this test").isLessThan(EPOCHS);
        int best = EarlyStopping.bestEpoch(full.subList(0, stop));

        TrainingRun run = Vae.create().start(CONFIG, train, validation);
        TrainedVae stopped = run.fit(TrainingListener.NONE, List.of(new EarlyStopping(PATIENCE)));

        assertThat(stop - best).isEqualTo(PATIENCE);
        assertThat(run.finished()).isTrue();
        assertThat(run.stoppedEarly()).isTrue();
        assertThat(run.keptEpoch()).isEqualTo(best);
        assertThat(stopped.history()).isEqualTo(withoutSeconds(full.subList(0, stop), stopped.history()));
        TrainedVae shorter = Vae.create().train(CONFIG.toBuilder().epochs(best).build(), train, validation,
                TrainingListener.NONE);
        assertSameWeights(stopped, shorter);
    }

    @Test
    void aCheckpointOfAStoppedRunResumesFinishedWithTheBestWeights() throws IOException {
        Vae vae = Vae.create();
        TrainingRun run = vae.start(CONFIG, train, validation);
        List<TrainingCallback> callbacks = List.of(new EarlyStopping(PATIENCE));
        Path checkpoint = dir.resolve("checkpoint.vae");
        TrainedVae stopped = run.fit(new TrainingListener() {
            @Override
            public void epochDone(EpochStats stats) {
                try {
                    run.saveCheckpoint(checkpoint);
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            }
        }, callbacks);

        TrainingRun resumed = vae.resume(checkpoint, train, validation);
        assertThat(resumed.finished()).isTrue();
        assertThat(resumed.keptEpoch()).isEqualTo(run.keptEpoch());
        TrainedVae model = resumed.fit(TrainingListener.NONE, callbacks);

        assertThat(model.history()).hasSize(expectedStop());
        assertSameWeights(model, stopped);
    }

    @Test
    void aRunPausedAfterItsBestEpochAndResumedKeepsTheBestEpochsWeights() throws IOException {
        int stop = expectedStop();
        int best = EarlyStopping.bestEpoch(full.subList(0, stop));
        Vae vae = Vae.create();
        TrainingRun run = vae.start(CONFIG, train, validation);
        int stepsBeforePause = (stop - 1) * run.batchesPerEpoch() + 1;
        run.fit(StopAfterSteps.of(stepsBeforePause), List.of(new EarlyStopping(PATIENCE)));
        assertThat(run.finished()).isFalse();
        run.saveCheckpoint(dir.resolve("paused.vae"));

        TrainingRun resumed = vae.resume(dir.resolve("paused.vae"), train, validation);
        TrainedVae model = resumed.fit(TrainingListener.NONE, List.of(new EarlyStopping(PATIENCE)));

        assertThat(resumed.keptEpoch()).isEqualTo(best);
        assertThat(model.history()).hasSize(stop);
        assertSameWeights(model, Vae.create().train(CONFIG.toBuilder().epochs(best).build(), train, validation,
                TrainingListener.NONE));
    }

    @Test
    void aCallbackEndsTrainingAfterTheEpochItStops() {
        TrainedVae model = Vae.create().train(CONFIG, train, validation, TrainingListener.NONE,
                List.of((stats, run) -> stats.epoch() == 3 ? TrainingCallback.Decision.STOP
                        : TrainingCallback.Decision.CONTINUE));

        assertThat(model.history()).extracting(EpochStats::epoch).containsExactly(1, 2, 3);
        assertSameWeights(model, Vae.create().train(CONFIG.toBuilder().epochs(3).build(), train, validation,
                TrainingListener.NONE));
    }

    @Test
    void refusesAPatienceBelowOne() {
        assertThatThrownBy(() -> new EarlyStopping(0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("at least 1");
    }

    /** The first epoch that is PATIENCE epochs after the best so far, or EPOCHS if none is. */
    private static int expectedStop() {
        for (int e = 1; e <= EPOCHS; e++) {
            if (e - EarlyStopping.bestEpoch(full.subList(0, e)) >= PATIENCE) {
                return e;
            }
        }
        return EPOCHS;
    }

    /** The expected epochs with the actual run's wall-clock times, which alone may differ. */
    private static List<EpochStats> withoutSeconds(List<EpochStats> expected, List<EpochStats> actual) {
        return java.util.stream.IntStream.range(0, expected.size()).mapToObj(i -> {
            EpochStats s = expected.get(i);
            return new EpochStats(s.epoch(), s.trainLoss(), s.trainNelbo(), s.validationNelbo(),
                    actual.get(i).seconds());
        }).toList();
    }

    private static void assertSameWeights(TrainedVae actual, TrainedVae expected) {
        expected.graph().forEachParameter((name, array) -> {
            INDArray other = actual.graph().sameDiff().getArrForVarName(name);
            assertThat(Bits.of(other)).as(name).containsExactly(Bits.of(array));
        });
    }
}
