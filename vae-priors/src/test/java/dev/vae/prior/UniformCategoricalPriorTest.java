package dev.vae.prior;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.vae.api.LatentLayout;
import dev.vae.api.Relaxation;
import dev.vae.testkit.TestWeights;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;

class UniformCategoricalPriorTest {
    private static final LatentLayout TWO_BINARY = new LatentLayout(4, 4, 4, 2);

    private final UniformCategoricalPrior prior = new UniformCategoricalPrior();

    /**
     * With two categories the Concrete density at temperature tau of y = (t, 1 - t), uniform locations,
     * is tau t^(-tau-1) (1-t)^(-tau-1) / (t^-tau + (1-t)^-tau)^2 (Maddison et al. 2017, eq. 8).
     */
    @Test
    void logDensityIsTheConcreteDensityWithEqualLocations() {
        double tau = 0.7;
        double[][] z = {{0.3, 0.7, 0.9, 0.1}, {0.5, 0.5, 0.01, 0.99}};
        SameDiff sd = SameDiff.create();
        INDArray codes = Nd4j.createFromArray(z);
        Relaxation relaxation = new Relaxation(2, sd.constant(tau), sd.constant(Transforms.log(codes, true)));
        SDVariable logP = prior.logDensity(TestWeights.in(sd, 1), sd.constant(codes), TWO_BINARY,
                Optional.of(relaxation));
        INDArray out = sd.output(Map.of(), logP.name()).get(logP.name());
        for (int i = 0; i < z.length; i++) {
            double expected = logConcrete(z[i][0], tau) + logConcrete(z[i][2], tau);
            assertThat(out.getDouble(i)).isCloseTo(expected, within(1e-9));
        }
    }

    /** A code whose small entry underflows to 0 in single precision keeps a finite density: its log comes from the family. */
    @Test
    void theDensityReadsTheFamilysLogarithmsWhereACodeUnderflows() {
        float[][] logZ = {{0, -200f, -200f, 0}};
        SameDiff sd = SameDiff.create();
        INDArray codes = Transforms.exp(Nd4j.createFromArray(logZ), true);
        Relaxation relaxation = new Relaxation(2, sd.constant(Nd4j.scalar(0.5f)), sd.constant(Nd4j.createFromArray(logZ)));
        SDVariable logP = prior.logDensity(TestWeights.in(sd, 1), sd.constant(codes), TWO_BINARY, Optional.of(relaxation));

        assertThat(codes.getFloat(0, 1)).isZero();
        assertThat(sd.output(Map.of(), logP.name()).get(logP.name()).getDouble(0)).isFinite();
    }

    private static double logConcrete(double t, double tau) {
        double u = 1 - t;
        return Math.log(tau) - (tau + 1) * (Math.log(t) + Math.log(u)) - 2 * Math.log(Math.pow(t, -tau) + Math.pow(u, -tau));
    }

    @Test
    void drawsAreOneHotAndUniformOverCategories() {
        INDArray z = Nd4j.create(DataType.DOUBLE, 4000, 8);
        prior.sample(z, new LatentLayout(8, 8, 8, 4), name -> null, Nd4j.getRandomFactory().getNewRandomInstance(2));
        assertThat(z.sum(1).meanNumber().doubleValue()).isEqualTo(2.0);
        INDArray perCategory = z.sum(0);
        for (int c = 0; c < 8; c++) {
            assertThat(perCategory.getDouble(c)).isCloseTo(1000, within(5 * Math.sqrt(1000 * 0.75)));
        }
    }

    @Test
    void realCodesAreRefusedNamingAFamilyThatFits() {
        SameDiff sd = SameDiff.create();
        assertThatThrownBy(() -> prior.logDensity(TestWeights.in(sd, 1), sd.constant(Nd4j.ones(3, 2)),
                new LatentLayout(4, 2, 2), Optional.empty()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("prior uniform-categorical is over relaxed categorical codes, but the sampler draws real ones; "
                        + "choose a sampler such as gumbel");
    }
}
