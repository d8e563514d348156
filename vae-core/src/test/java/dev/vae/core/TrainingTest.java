package dev.vae.core;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vae.core.data.DataSplit;
import dev.vae.core.data.ImageSet;
import dev.vae.core.plugin.PluginChoice;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Training on a slice of the embedded digits: the bound improves, and a seed fixes the run. */
class TrainingTest {
    private static ImageSet train;
    private static ImageSet validation;

    @BeforeAll
    static void load() throws IOException {
        DataSplit data = DataSplit.embedded();
        train = data.train().head(2000);
        validation = data.test().head(500);
    }

    @Test
    void validationNelboFallsBelowWhatAnUntrainedModelScores() {
        VaeConfig config = VaeConfig.builder().epochs(8).seed(7).build();
        List<EpochStats> seen = new ArrayList<>();
        TrainedVae model = Vae.create().train(config, train, validation, seen::add);

        assertThat(seen).hasSize(8);
        assertThat(model.history()).isEqualTo(seen);
        // An untrained decoder predicts p = 0.5 per pixel, 543 nats; the mean image alone is ~206.
        assertThat(seen.get(0).validationNelbo()).isLessThan(300);
        assertThat(seen.get(7).validationNelbo()).isLessThan(195);
        assertThat(seen.get(7).trainLoss()).isLessThan(seen.get(0).trainLoss());
        // With the ELBO the loss is the NELBO itself.
        assertThat(seen.get(7).trainNelbo()).isCloseTo(seen.get(7).trainLoss(), org.assertj.core.api.Assertions.within(1e-3));
    }

    @Test
    void chiTrainsTheDecoderOnTheElboAndItsUpperBoundLiesAboveTheElbo() {
        VaeConfig config = VaeConfig.builder().epochs(4).samples(3).divergence(PluginChoice.parse("chi")).seed(7).build();
        List<EpochStats> seen = new ArrayList<>();
        TrainedVae model = Vae.create().train(config, train, validation, seen::add);

        assertThat(seen.get(3).validationNelbo()).isLessThan(seen.get(0).validationNelbo()).isLessThan(215);
        double cubo = model.bound(validation.images(), 3).meanNumber().doubleValue();
        double elbo = -model.nelbo(validation.images(), 3).meanNumber().doubleValue();
        assertThat(cubo).isGreaterThan(elbo);
        // The encoder's loss is -ELBO plus the sandwich width, which is never negative.
        assertThat(seen.get(3).trainLoss()).isGreaterThan(seen.get(3).trainNelbo());
    }

    @Test
    void seedZeroFixesARunToo() {
        VaeConfig config = VaeConfig.builder().epochs(1).hiddenDims(List.of(16)).seed(0).build();
        TrainedVae a = Vae.create().train(config, train.head(200), validation.head(100), TrainingListener.NONE);
        TrainedVae b = Vae.create().train(config, train.head(200), validation.head(100), TrainingListener.NONE);

        assertThat(b.nelbo(validation.head(100).images(), 0)).isEqualTo(a.nelbo(validation.head(100).images(), 0));
        assertThat(b.sample(3, 0)).isEqualTo(a.sample(3, 0));
    }

    @Test
    void oneSeedGivesTheSameHistoryAndWeightsBitForBit() {
        VaeConfig config = VaeConfig.builder().epochs(2).seed(11).build();
        TrainedVae a = Vae.create().train(config, train.head(500), validation.head(200), TrainingListener.NONE);
        TrainedVae b = Vae.create().train(config, train.head(500), validation.head(200), TrainingListener.NONE);

        assertThat(losses(a)).containsExactly(losses(b));
        a.graph().forEachParameter((name, array) ->
                assertThat(array).as(name).isEqualTo(b.graph().sameDiff().getArrForVarName(name)));
    }

    @Test
    void dataOutsideTheLikelihoodsSupportIsRefusedBeforeTraining() {
        ImageSet scaled = new ImageSet(train.head(10).images().mul(3), train.head(10).labels(), 28, 28);
        org.assertj.core.api.Assertions.assertThatThrownBy(() ->
                        Vae.create().train(VaeConfig.builder().epochs(1).build(), scaled, validation, TrainingListener.NONE))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("the bernoulli likelihood needs data values in [0.0, 1.0]; the training data range from 0.0 to 3.0");
    }

    @Test
    void aLossThatStopsBeingFiniteEndsTrainingWithItsEpoch() {
        ImageSet overflowing = new ImageSet(train.head(100).images().mul(1e25), train.head(100).labels(), 28, 28);
        VaeConfig config = VaeConfig.builder().epochs(2).likelihood(PluginChoice.parse("gaussian:fixed_variance=1")).build();
        org.assertj.core.api.Assertions.assertThatThrownBy(() ->
                        Vae.create().train(config, overflowing, validation.head(100), TrainingListener.NONE))
                .isInstanceOf(TrainingDivergedException.class)
                .hasMessageStartingWith("training diverged in epoch 1");
    }

    private static double[] losses(TrainedVae model) {
        return model.history().stream()
                .flatMapToDouble(s -> java.util.stream.DoubleStream.of(s.trainLoss(), s.validationNelbo()))
                .toArray();
    }
}
