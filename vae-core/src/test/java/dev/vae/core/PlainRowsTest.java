package dev.vae.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vae.core.data.DataSplit;
import dev.vae.core.data.ImageSet;
import java.io.IOException;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Training on plain rows needs neither labels nor an image shape and trains as the same values as
 * images do; an evaluation record holds the figures of the separate estimates.
 */
class PlainRowsTest {
    private static final VaeConfig CONFIG = VaeConfig.builder().epochs(2).hiddenDims(List.of(32)).seed(7).build();
    private static ImageSet train;
    private static ImageSet validation;

    @BeforeAll
    static void load() throws IOException {
        DataSplit data = DataSplit.embedded();
        train = data.train().head(300);
        validation = data.test().head(100);
    }

    @Test
    void rowsWithoutLabelsTrainAsTheImagesDoBitForBit() {
        TrainedVae images = Vae.create().train(CONFIG, train, validation, TrainingListener.NONE);
        TrainedVae rows = Vae.create().fit(CONFIG, train.images().castTo(DataType.DOUBLE), validation.images(),
                TrainingListener.NONE, List.of());

        assertThat(rows.imageRows()).isEqualTo(1);
        assertThat(rows.imageCols()).isEqualTo(784);
        for (int i = 0; i < 2; i++) {
            EpochStats a = rows.history().get(i);
            EpochStats b = images.history().get(i);
            assertThat(new double[] {a.trainLoss(), a.validationNelbo()})
                    .containsExactly(b.trainLoss(), b.validationNelbo());
        }
    }

    @Test
    void withoutValidationRowsTheTrainingRowsAreValidated() {
        TrainedVae alone = Vae.create().fit(CONFIG, train.images(), TrainingListener.NONE, List.of());
        TrainedVae twice = Vae.create().fit(CONFIG, train.images(), train.images(), TrainingListener.NONE, List.of());

        assertThat(alone.history().get(1).validationNelbo()).isEqualTo(twice.history().get(1).validationNelbo())
                .isNotEqualTo(Vae.create().fit(CONFIG, train.images(), validation.images(), TrainingListener.NONE,
                        List.of()).history().get(1).validationNelbo());
    }

    @Test
    void refusesAConditionOnLabelsAndRowsThatAreNoMatrix() {
        VaeConfig labelled = CONFIG.toBuilder().condition(Condition.labels(10)).build();
        assertThatThrownBy(() -> Vae.create().fit(labelled, train.images(), TrainingListener.NONE, List.of()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("conditioned on labels");
        assertThatThrownBy(() -> ImageSet.unlabelled(train.images().reshape(300 * 784)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("[N, D]");
    }

    @Test
    void anEvaluationHoldsTheFiguresOfTheSeparateEstimates() {
        TrainedVae model = Vae.create().train(CONFIG, train, validation, TrainingListener.NONE);
        INDArray x = validation.images();

        Evaluation evaluation = model.evaluate(x, 20, 11);

        LikelihoodEstimate estimate = model.importanceSample(x, 20, 11, 100, ProgressListener.NONE);
        assertThat(evaluation.examples()).isEqualTo(100);
        assertThat(evaluation.nelbo()).isEqualTo(model.nelbo(x, 11).meanNumber().doubleValue());
        assertThat(evaluation.negativeLogLikelihood())
                .isEqualTo(estimate.negativeLogLikelihood().meanNumber().doubleValue());
        assertThat(evaluation.chiUpperBound()).isEqualTo(estimate.chiUpperBound().meanNumber().doubleValue());
        assertThat(evaluation.samples()).isEqualTo(20);
        assertThat(evaluation.nelboEstimate()).isEqualTo(Evaluation.NelboEstimate.EXACT_DENSITIES);
        assertThat(evaluation.proposal()).isEqualTo(Evaluation.Proposal.POSTERIOR);
        assertThat(-evaluation.chiUpperBound()).isLessThan(evaluation.negativeLogLikelihood());
        assertThat(evaluation.negativeLogLikelihood()).isLessThan(evaluation.nelbo());
    }
}
