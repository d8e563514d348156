package dev.vae.sampler;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.vae.api.Posterior;
import dev.vae.api.PosteriorDraw;
import dev.vae.api.spi.Prior;
import dev.vae.testkit.InstalledPlugin;
import dev.vae.testkit.KlAgreement;
import dev.vae.testkit.NoiseMoments;
import dev.vae.testkit.TestWeights;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.rng.Random;
import org.nd4j.linalg.factory.Nd4j;

class NormalSamplerTest {
    private static final int DRAWS = 100_000;
    private static final double[] MU = {1.5, -2.0};
    private static final double[] VARIANCE = {0.25, 4.0};

    private final NormalSampler sampler = new NormalSampler();
    private final Random rng = Nd4j.getRandomFactory().getNewRandomInstance(42);

    /** z, log q and log p of DRAWS samples for one example. */
    private Map<String, INDArray> draw() {
        INDArray encoderOut = Nd4j.createFromArray(new double[][] {
            {MU[0], MU[1], Math.log(VARIANCE[0]), Math.log(VARIANCE[1])}});
        INDArray eps = Nd4j.create(DataType.DOUBLE, DRAWS, 1, 2);
        sampler.sampleNoise(eps, rng);
        SameDiff sd = SameDiff.create();
        TestWeights weights = TestWeights.in(sd, 1);
        PosteriorDraw s = sampler.reparameterize(weights, sd.constant("enc", encoderOut), sd.constant("eps", eps), 2);
        SDVariable logPrior = InstalledPlugin.of(Prior.class, "standard-normal").logDensity(weights, s.z().reshape(-1, 2), sampler.layout(2),
                Optional.empty());
        Map<String, INDArray> out = sd.output(Map.of(), s.z().name(), s.logPosterior().name(), logPrior.name());
        return Map.of("z", out.get(s.z().name()), "logq", out.get(s.logPosterior().name()),
                "logp", out.get(logPrior.name()).reshape(DRAWS, 1));
    }

    @Test
    void reparameterizedDrawsHaveTheEncodersMeanAndVariance() {
        INDArray z = draw().get("z").reshape(DRAWS, 2);
        for (int j = 0; j < 2; j++) {
            INDArray column = z.getColumn(j);
            double sd = Math.sqrt(VARIANCE[j]);
            // Five standard errors of the sample mean and of the sample variance.
            assertThat(column.meanNumber().doubleValue()).isCloseTo(MU[j], within(5 * sd / Math.sqrt(DRAWS)));
            assertThat(column.varNumber().doubleValue())
                    .isCloseTo(VARIANCE[j], within(5 * VARIANCE[j] * Math.sqrt(2.0 / DRAWS)));
        }
    }

    @Test
    void analyticKlIsTheClosedFormAndAgreesWithAMonteCarloEstimateFromTenToTheFiveSamples() {
        double closedForm = 0;
        for (int j = 0; j < 2; j++) {
            closedForm += 0.5 * (VARIANCE[j] + MU[j] * MU[j] - 1 - Math.log(VARIANCE[j]));
        }
        double kl = KlAgreement.of(new NormalStandardNormalKl(), sampler, InstalledPlugin.of(Prior.class, "standard-normal")).latentDim(2).draws(DRAWS).seed(42).standardErrors(4)
                .assertAgrees(MU[0], MU[1], Math.log(VARIANCE[0]), Math.log(VARIANCE[1]));
        assertThat(kl).isCloseTo(closedForm, within(1e-12));
    }

    @Test
    void noiseIsStandardNormal() {
        NoiseMoments.of(sampler).latentDim(2).draws(DRAWS).seed(42).assertMoments(0, 1);
    }

    @Test
    void logDensitiesMatchTheGaussianFormula() {
        Map<String, INDArray> d = draw();
        INDArray z = d.get("z").reshape(DRAWS, 2);
        for (int i = 0; i < 5; i++) {
            double logq = 0;
            double logp = 0;
            for (int j = 0; j < 2; j++) {
                double v = z.getDouble(i, j);
                logq += -0.5 * Math.log(2 * Math.PI * VARIANCE[j]) - (v - MU[j]) * (v - MU[j]) / (2 * VARIANCE[j]);
                logp += -0.5 * Math.log(2 * Math.PI) - v * v / 2;
            }
            assertThat(d.get("logq").getDouble(i, 0)).isCloseTo(logq, within(1e-9));
            assertThat(d.get("logp").getDouble(i, 0)).isCloseTo(logp, within(1e-9));
        }
    }

    @Test
    void posteriorMomentsComeFromTheEncoderOutput() {
        Posterior q = sampler.posterior(Nd4j.createFromArray(new double[][] {{0.5, -1, Math.log(2), 0}}), 2);
        assertThat(q.mean().toDoubleVector()).containsExactly(0.5, -1);
        assertThat(q.variance().toDoubleVector()).containsExactly(new double[] {2, 1}, within(1e-12));
    }
}
