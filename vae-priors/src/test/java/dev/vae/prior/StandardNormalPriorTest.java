package dev.vae.prior;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.vae.api.LatentLayout;
import dev.vae.api.Relaxation;
import dev.vae.testkit.PriorNormalization;
import dev.vae.testkit.TestWeights;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

class StandardNormalPriorTest {
    private static final int DRAWS = 100_000;
    private static final LatentLayout REAL = new LatentLayout(4, 2, 2);

    private final StandardNormalPrior prior = new StandardNormalPrior();

    @Test
    void logDensityIsTheSumOfStandardNormalLogDensities() {
        double[][] z = {{0, 0}, {1, -2}, {0.5, 3}};
        SameDiff sd = SameDiff.create();
        SDVariable logP = prior.logDensity(TestWeights.in(sd, 1), sd.constant(Nd4j.createFromArray(z)), REAL, Optional.empty());
        INDArray out = sd.output(Map.of(), logP.name()).get(logP.name());
        for (int i = 0; i < z.length; i++) {
            double expected = -Math.log(2 * Math.PI) - (z[i][0] * z[i][0] + z[i][1] * z[i][1]) / 2;
            assertThat(out.getDouble(i)).isCloseTo(expected, within(1e-12));
        }
    }

    @Test
    void itIsADensityAndItsDrawsFollowIt() {
        for (int width = 1; width <= 2; width++) {
            PriorNormalization check = PriorNormalization.of(prior).codeWidth(width).seed(2);
            check.assertIntegratesToOne(-10, 10, 201, 1e-9);
            check.assertSamplesMatch(-10, 10, 201);
        }
    }

    @Test
    void drawsAreStandardNormalAndRepeatableBySeed() {
        INDArray a = Nd4j.create(DataType.DOUBLE, DRAWS, 1);
        prior.sample(a, REAL, name -> null, Nd4j.getRandomFactory().getNewRandomInstance(3));
        INDArray b = Nd4j.create(DataType.DOUBLE, DRAWS, 1);
        prior.sample(b, REAL, name -> null, Nd4j.getRandomFactory().getNewRandomInstance(3));
        assertThat(a).isEqualTo(b);
        assertThat(a.meanNumber().doubleValue()).isCloseTo(0, within(5 / Math.sqrt(DRAWS)));
        assertThat(a.varNumber().doubleValue()).isCloseTo(1, within(5 * Math.sqrt(2.0 / DRAWS)));
    }

    @Test
    void relaxedCategoricalCodesAreRefusedNamingThePriorThatFits() {
        SameDiff sd = SameDiff.create();
        Relaxation relaxed = new Relaxation(4, sd.constant(1.0), sd.constant(Nd4j.zeros(3, 4)));
        assertThatThrownBy(() -> prior.logDensity(TestWeights.in(sd, 1), sd.constant(Nd4j.ones(3, 4)),
                new LatentLayout(4, 4, 4, 4), Optional.of(relaxed)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("prior standard-normal is over real codes, but the sampler draws relaxed categoricals; "
                        + "choose --prior uniform-categorical");
    }
}
