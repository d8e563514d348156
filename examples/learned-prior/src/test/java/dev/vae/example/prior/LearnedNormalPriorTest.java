package dev.vae.example.prior;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.vae.api.LatentLayout;
import dev.vae.api.Relaxation;
import dev.vae.testkit.GradientCheck;
import dev.vae.testkit.InputWeights;
import dev.vae.testkit.PriorNormalization;
import dev.vae.testkit.TestWeights;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.factory.Nd4j;

class LearnedNormalPriorTest {

    @Test
    void itIsADensityWhoseDrawsFollowItWithLearnedAndInitialWeights() {
        PriorNormalization learned = PriorNormalization.of(new LearnedNormalPrior()).codeWidth(2)
                .weight("mean", Nd4j.createFromArray(1.5, -2.0))
                .weight("log_variance", Nd4j.createFromArray(Math.log(0.5), Math.log(3)));
        learned.assertIntegratesToOne(-15, 15, 301, 1e-9);
        learned.assertSamplesMatch(-15, 15, 301);
        PriorNormalization initial = PriorNormalization.of(new LearnedNormalPrior());
        initial.assertIntegratesToOne(-12, 12, 481, 1e-9);
        initial.assertSamplesMatch(-12, 12, 481);
    }

    @Test
    void theLogDensityIsTheGaussianWrittenOut() {
        SameDiff sd = SameDiff.create();
        TestWeights weights = TestWeights.in(sd, 1).set("mean", Nd4j.createFromArray(1.0, -1.0))
                .set("log_variance", Nd4j.createFromArray(0.0, Math.log(4)));
        SDVariable logP = new LearnedNormalPrior().logDensity(weights, sd.constant(Nd4j.createFromArray(new double[][] {{2, 3}})),
                new LatentLayout(2, 2, 2), Optional.empty());
        double value = sd.output(Map.of(), logP.name()).get(logP.name()).getDouble(0);
        // log N(2; 1, 1) + log N(3; -1, 4)
        assertThat(value).isCloseTo(-0.5 * Math.log(2 * Math.PI) - 0.5 - 0.5 * Math.log(2 * Math.PI * 4) - 16.0 / 8,
                within(1e-12));
    }

    @Test
    void gradientsOfCodesAndWeightsMatchCentralDifferences() {
        GradientCheck.of((sd, in) -> new LearnedNormalPrior().logDensity(new InputWeights(sd, in), in.get("z"),
                        new LatentLayout(2, 2, 2), Optional.empty()))
                .variable("z", Nd4j.createFromArray(new double[][] {{2, 3}, {-1, 0.5}, {0, 0}}))
                .variable("mean", Nd4j.createFromArray(1.0, -1.0))
                .variable("log_variance", Nd4j.createFromArray(0.3, Math.log(4)))
                .assertMatchesCentralDifferences();
    }

    @Test
    void relaxedCodesAreRefused() {
        SameDiff sd = SameDiff.create();
        Relaxation relaxation = new Relaxation(2, sd.constant(Nd4j.scalar(1.0)), sd.constant(Nd4j.zeros(1, 2)));
        assertThatThrownBy(() -> new LearnedNormalPrior().logDensity(TestWeights.in(sd, 1),
                sd.constant(Nd4j.ones(DataType.DOUBLE, 1, 2)), new LatentLayout(2, 2, 2, 2), Optional.of(relaxation)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageEndingWith("choose --prior uniform-categorical");
    }
}
