package dev.vae.sampler;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.vae.api.PosteriorDraw;
import dev.vae.api.spi.Prior;
import dev.vae.testkit.InstalledPlugin;
import dev.vae.testkit.KlAgreement;
import dev.vae.testkit.NoiseMoments;
import dev.vae.testkit.TestWeights;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

class LaplaceSamplerTest {
    private static final int DRAWS = 100_000;
    private static final double MU = 0.7;
    private static final double SCALE = 1.5;

    private final LaplaceSampler sampler = new LaplaceSampler();

    /** Two identical examples, DRAWS / 2 draws each (one example of one variable is a degenerate shape for ND4J). */
    private Map<String, INDArray> draw() {
        INDArray eps = Nd4j.create(DataType.DOUBLE, DRAWS / 2, 2, 1);
        sampler.sampleNoise(eps, Nd4j.getRandomFactory().getNewRandomInstance(4));
        SameDiff sd = SameDiff.create();
        PosteriorDraw s = sampler.reparameterize(TestWeights.in(sd, 1), sd.constant("enc", Nd4j.createFromArray(new double[][] {{MU, Math.log(SCALE)}, {MU, Math.log(SCALE)}})),
                sd.constant("eps", eps), 1);
        Map<String, INDArray> out = sd.output(Map.of(), s.z().name(), s.logPosterior().name());
        return Map.of("z", out.get(s.z().name()).reshape(DRAWS), "logq", out.get(s.logPosterior().name()).reshape(DRAWS),
                "eps", eps.reshape(DRAWS));
    }

    @Test
    void noiseIsStandardLaplace() {
        NoiseMoments.of(sampler).draws(DRAWS).seed(4).assertMoments(0, 2);
        INDArray eps = draw().get("eps");
        assertThat(org.nd4j.linalg.ops.transforms.Transforms.abs(eps, true).meanNumber().doubleValue())
                .isCloseTo(1, within(5 * Math.sqrt(1.0 / DRAWS)));
    }

    @Test
    void drawsHaveTheLocationAndTheVarianceOfTheScale() {
        INDArray z = draw().get("z");
        assertThat(z.meanNumber().doubleValue()).isCloseTo(MU, within(5 * SCALE * Math.sqrt(2.0 / DRAWS)));
        assertThat(z.varNumber().doubleValue()).isCloseTo(2 * SCALE * SCALE, within(5 * SCALE * SCALE * Math.sqrt(20.0 / DRAWS)));
        assertThat(sampler.posterior(Nd4j.createFromArray(new double[][] {{MU, Math.log(SCALE)}}), 1).variance().getDouble(0))
                .isCloseTo(2 * SCALE * SCALE, within(1e-12));
    }

    @Test
    void logDensityIsTheLaplaceFormula() {
        Map<String, INDArray> d = draw();
        for (int i = 0; i < 5; i++) {
            double z = d.get("z").getDouble(i);
            assertThat(d.get("logq").getDouble(i)).isCloseTo(-Math.log(2 * SCALE) - Math.abs(z - MU) / SCALE, within(1e-9));
        }
    }

    @Test
    void analyticKlIsTheClosedFormAndAgreesWithMonteCarlo() {
        // -log(2b) - 1 + log(2 pi) / 2 + (mu^2 + 2 b^2) / 2
        double closedForm = -Math.log(2 * SCALE) - 1 + 0.5 * Math.log(2 * Math.PI) + (MU * MU + 2 * SCALE * SCALE) / 2;
        double kl = KlAgreement.of(new LaplaceStandardNormalKl(), sampler, InstalledPlugin.of(Prior.class, "standard-normal")).draws(DRAWS).seed(4).standardErrors(4).assertAgrees(MU, Math.log(SCALE));
        assertThat(kl).isCloseTo(closedForm, within(1e-12));
    }
}
