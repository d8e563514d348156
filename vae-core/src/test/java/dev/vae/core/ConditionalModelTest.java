package dev.vae.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vae.core.data.DataSplit;
import dev.vae.core.data.ImageSet;
import dev.vae.core.plugin.PluginChoice;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * A conditional VAE on the embedded digits, conditioned on the one-hot of their labels: its draws
 * of each class are that class's digits by a classifier trained apart, and it saves, loads and
 * refuses what it cannot do in one line.
 */
class ConditionalModelTest {
    private static final int CLASSES = 10;
    private static final int DRAWS = 100;
    /** A learning rate thrice the tutorial's reaches, in 8 epochs, draws that a classifier tells apart. */
    private static final VaeConfig CONFIG = VaeConfig.builder().epochs(8).learningRate(3e-3)
            .condition(Condition.labels(CLASSES)).build();
    private static Vae vae;
    private static DataSplit data;
    private static TrainedVae model;

    @TempDir
    Path dir;

    @BeforeAll
    static void train() throws IOException {
        vae = Vae.create();
        data = DataSplit.embedded();
        model = vae.train(CONFIG, data.train(), data.test(), TrainingListener.NONE);
    }

    @Test
    void drawsOfEachClassAreClassifiedAsThatClassByLogisticRegression() {
        SoftmaxRegression classifier = SoftmaxRegression.fit(data.train());
        assertThat(classifier.accuracy(data.test().images(), data.test().labels())).as("classifier on test digits")
                .isGreaterThan(0.85);
        for (int label = 0; label < CLASSES; label++) {
            INDArray digits = model.sample(DRAWS, 100 + label, model.condition().oneHot(label));
            int[] labels = new int[DRAWS];
            java.util.Arrays.fill(labels, label);
            assertThat(classifier.accuracy(digits, labels)).as("draws of class %d classified as %d", label, label)
                    .isGreaterThanOrEqualTo(0.8);
        }
    }

    @Test
    void theConditionChangesTheDecodedDigitAndNotTheCode() {
        INDArray z = Nd4j.zeros(DataType.FLOAT, 1, 2);
        INDArray three = model.decode(z, model.condition().oneHot(3));
        INDArray seven = model.decode(z, model.condition().oneHot(7));
        assertThat(Transforms.abs(three.sub(seven)).sumNumber().doubleValue()).isGreaterThan(20);
        INDArray rows = model.inputs(data.test().head(5));
        assertThat(rows.columns()).isEqualTo(784 + CLASSES);
        assertThat(rows.get(NDArrayIndex.all(), NDArrayIndex.interval(784, 794)))
                .isEqualTo(model.condition().oneHot(java.util.Arrays.copyOf(data.test().labels(), 5)));
    }

    @Test
    void aSavedConditionalModelLoadsWithIdenticalOutputs() throws IOException {
        Path file = dir.resolve("model.vae");
        model.save(file);
        TrainedVae loaded = vae.load(file);
        INDArray rows = model.inputs(data.test().head(50));

        assertThat(loaded.condition()).isEqualTo(Condition.labels(CLASSES));
        assertThat(loaded.config()).isEqualTo(model.config());
        assertThat(loaded.nelbo(rows, 3)).isEqualTo(model.nelbo(rows, 3));
        assertThat(loaded.encode(rows).mean()).isEqualTo(model.encode(rows).mean());
        INDArray fours = model.condition().oneHot(4);
        assertThat(loaded.sample(6, 8, fours)).isEqualTo(model.sample(6, 8, fours));
    }

    @Test
    void aConditionalRunStoppedAndResumedMatchesTheUninterruptedOneBitForBit() throws IOException {
        VaeConfig config = VaeConfig.builder().epochs(2).hiddenDims(List.of(16)).seed(5)
                .condition(Condition.labels(CLASSES)).build();
        ImageSet train = data.train().head(500);
        ImageSet validation = data.test().head(100);
        TrainedVae uninterrupted = vae.train(config, train, validation, TrainingListener.NONE);
        TrainingRun run = vae.start(config, train, validation);
        run.fit(StopAfterSteps.of(7));
        run.saveCheckpoint(dir.resolve("checkpoint.vae"));

        TrainedVae resumed = vae.resume(dir.resolve("checkpoint.vae"), train, validation).fit(TrainingListener.NONE);

        assertThat(resumed.condition()).isEqualTo(Condition.labels(CLASSES));
        assertThat(resumed.history().get(1).validationNelbo()).isEqualTo(uninterrupted.history().get(1).validationNelbo());
        uninterrupted.graph().forEachParameter((name, array) ->
                assertThat(resumed.graph().sameDiff().getArrForVarName(name)).as(name).isEqualTo(array));
    }

    @Test
    void misuseIsRefusedInOneLine() {
        INDArray z = Nd4j.zeros(DataType.FLOAT, 2, 2);
        assertThatThrownBy(() -> model.decode(z)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("conditioned on labels:10");
        assertThatThrownBy(() -> model.sample(3, 1)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("conditioned on labels:10");
        assertThatThrownBy(() -> model.condition().oneHot(10)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("class 10 is outside the model's classes 0 to 9");
        assertThatThrownBy(() -> model.decode(z, Nd4j.zeros(DataType.FLOAT, 2, 9)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("conditions must have shape [2, 10]");
        assertThatThrownBy(() -> model.nelbo(data.test().images(), 1)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("data must have shape [N, 794] (each example's 784 values, then its condition of 10)");
    }

    @Test
    void aModelWithoutAConditionRefusesOne() {
        TrainedVae plain = vae.train(VaeConfig.builder().epochs(1).hiddenDims(List.of(8)).build(),
                data.train().head(200), data.test().head(20), TrainingListener.NONE);
        assertThatThrownBy(() -> plain.sample(3, 1, Nd4j.zeros(DataType.FLOAT, 1, 10)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("trained without a condition");
        assertThatThrownBy(() -> plain.condition().oneHot(1)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("not a class label");
    }

    @Test
    void aPriorBuiltFromTheEncoderIsRefusedWithACondition() {
        VaeConfig vamp = VaeConfig.builder().epochs(1).prior(PluginChoice.parse("vamp:components=3"))
                .condition(Condition.labels(CLASSES)).build();
        assertThatThrownBy(() -> vae.start(vamp, data.train().head(100), data.test().head(10)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("prior vamp is built from the encoder, which in a model conditioned on labels:10");
    }

    @Test
    void labelsOutsideTheClassesAndColumnsOfImagesAreRefused() {
        VaeConfig five = VaeConfig.builder().epochs(1).condition(Condition.labels(5)).build();
        assertThatThrownBy(() -> vae.start(five, data.train().head(100), data.test().head(10)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("is outside the model's classes 0 to 4");
        ImageSet bright = new ImageSet(data.train().head(10).images().mul(3), data.train().head(10).labels(), 28, 28);
        assertThatThrownBy(() -> vae.start(CONFIG, bright, data.test().head(10))).isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("the bernoulli likelihood needs data values in [0.0, 1.0]; the training data range "
                        + "from 0.0 to 3.0");
        VaeConfig columns = VaeConfig.builder().epochs(1).condition(Condition.columns(List.of(3))).build();
        assertThatThrownBy(() -> vae.start(columns, data.train().head(100), data.test().head(10)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("a condition on columns takes data of one row per example (a CSV file), not images of 28x28");
    }

    @Test
    void aConditionOnColumnsMovesThemAfterTheData() {
        INDArray values = Nd4j.createFromArray(new float[][] {{0, 1, 2, 3}, {4, 5, 6, 7}});
        ImageSet set = new ImageSet(values, new int[2], 1, 4);
        INDArray rows = Condition.columns(List.of(2, 0)).rows(set);
        assertThat(rows).isEqualTo(Nd4j.createFromArray(new float[][] {{1, 3, 2, 0}, {5, 7, 6, 4}}));
        assertThatThrownBy(() -> Condition.columns(List.of(4)).rows(set)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("condition column 4 is outside the data's 4 columns (0 to 3)");
    }

    /**
     * Multinomial logistic regression on pixels, by full-batch gradient descent: a classifier of the
     * digits that knows nothing of the model.
     */
    private record SoftmaxRegression(INDArray weights, INDArray bias) {
        static SoftmaxRegression fit(ImageSet set) {
            INDArray x = set.images();
            INDArray y = Nd4j.zeros(DataType.FLOAT, set.size(), CLASSES);
            for (int i = 0; i < set.size(); i++) {
                y.putScalar(i, set.labels()[i], 1);
            }
            INDArray w = Nd4j.zeros(DataType.FLOAT, x.columns(), CLASSES);
            INDArray b = Nd4j.zeros(DataType.FLOAT, 1, CLASSES);
            SoftmaxRegression model = new SoftmaxRegression(w, b);
            for (int step = 0; step < 300; step++) {
                INDArray error = model.probabilities(x).subi(y).divi(set.size());
                w.subi(x.transpose().mmul(error));
                b.subi(error.sum(true, 0));
            }
            return model;
        }

        INDArray probabilities(INDArray x) {
            INDArray logits = x.mmul(weights).addiRowVector(bias);
            return Transforms.softmax(logits, false);
        }

        double accuracy(INDArray x, int[] labels) {
            INDArray predicted = probabilities(x.castTo(DataType.FLOAT)).argMax(1);
            int right = 0;
            for (int i = 0; i < labels.length; i++) {
                right += predicted.getInt(i) == labels[i] ? 1 : 0;
            }
            return (double) right / labels.length;
        }
    }
}
