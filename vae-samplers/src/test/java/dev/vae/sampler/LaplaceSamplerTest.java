package dev.vae.sampler;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.vae.api.LatentSample;
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
        LatentSample s = sampler.reparameterize(sd, sd.constant("enc", Nd4j.createFromArray(new double[][] {{MU, Math.log(SCALE)}, {MU, Math.log(SCALE)}})),
                sd.constant("eps", eps), 1);
        String kl = s.analyticKl().orElseThrow().name();
        Map<String, INDArray> out = sd.output(Map.of(), s.z().name(), s.logPosterior().name(), s.logPrior().name(), kl);
        return Map.of("z", out.get(s.z().name()).reshape(DRAWS), "logq", out.get(s.logPosterior().name()).reshape(DRAWS),
                "logp", out.get(s.logPrior().name()).reshape(DRAWS), "kl", out.get(kl), "eps", eps.reshape(DRAWS));
    }

    @Test
    void noiseIsStandardLaplace() {
        INDArray eps = draw().get("eps");
        assertThat(eps.meanNumber().doubleValue()).isCloseTo(0, within(5 * Math.sqrt(2.0 / DRAWS)));
        // Var = 2; the variance of the sample variance of a Laplace is (mu4 - sigma^4) / n = (24 - 4) / n.
        assertThat(eps.varNumber().doubleValue()).isCloseTo(2, within(5 * Math.sqrt(20.0 / DRAWS)));
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
    void logDensityIsTheLaplaceFormulaAndTheAnalyticKlMatchesMonteCarlo() {
        Map<String, INDArray> d = draw();
        for (int i = 0; i < 5; i++) {
            double z = d.get("z").getDouble(i);
            assertThat(d.get("logq").getDouble(i)).isCloseTo(-Math.log(2 * SCALE) - Math.abs(z - MU) / SCALE, within(1e-9));
        }
        INDArray ratio = d.get("logq").sub(d.get("logp"));
        double standardError = ratio.stdNumber().doubleValue() / Math.sqrt(DRAWS);
        assertThat(ratio.meanNumber().doubleValue()).isCloseTo(d.get("kl").getDouble(0), within(4 * standardError));
    }
}
