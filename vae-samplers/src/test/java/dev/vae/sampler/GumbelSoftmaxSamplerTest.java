package dev.vae.sampler;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.vae.api.ParamValues;
import dev.vae.api.PosteriorDraw;
import dev.vae.api.spi.NoiseSampler;
import dev.vae.testkit.NoiseMoments;
import dev.vae.testkit.TestWeights;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

class GumbelSoftmaxSamplerTest {
    private static final int DRAWS = 20_000;
    private static final double[] PI = {0.5, 0.3, 0.15, 0.05};

    private static NoiseSampler sampler(String temperature, String annealRate) {
        GumbelSoftmaxSampler g = new GumbelSoftmaxSampler();
        return g.configure(ParamValues.resolve("gumbel", g.parameters(),
                Map.of("categories", "4", "temperature", temperature, "anneal_rate", annealRate, "min_temperature", "0.01")));
    }

    /** DRAWS relaxed samples [DRAWS, 4] of one variable with probabilities PI. */
    private static Map<String, INDArray> draw(NoiseSampler sampler, double temperature) {
        INDArray logits = Nd4j.createFromArray(new double[][] {java.util.Arrays.stream(PI).map(Math::log).toArray()});
        INDArray eps = Nd4j.create(DataType.DOUBLE, DRAWS, 1, 4);
        sampler.sampleNoise(eps, Nd4j.getRandomFactory().getNewRandomInstance(12));
        SameDiff sd = SameDiff.create();
        SDVariable encoded = sd.constant("enc", logits);
        PosteriorDraw s = sampler.reparameterize(TestWeights.in(sd, 1), encoded, sd.constant("eps", eps), 1);
        Map<String, INDArray> feed = Map.of(GumbelSoftmaxSampler.TEMPERATURE, Nd4j.scalar(DataType.DOUBLE, temperature));
        String kl = new GumbelUniformKl().kl(sd, encoded, sampler.layout(1), 1).name();
        Map<String, INDArray> out = sd.output(feed, s.z().name(), kl);
        return Map.of("z", out.get(s.z().name()).reshape(DRAWS, 4), "kl", out.get(kl));
    }

    @Test
    void noiseIsStandardGumbel() {
        // Mean: the Euler-Mascheroni constant; variance: pi^2 / 6.
        NoiseMoments.of(sampler("1", "0")).draws(DRAWS).seed(12).assertMoments(0.5772156649015329, Math.PI * Math.PI / 6);
    }

    @Test
    void samplesLieOnTheSimplex() {
        INDArray z = draw(sampler("1", "0"), 1.0).get("z");
        assertThat(z.minNumber().doubleValue()).isGreaterThanOrEqualTo(0);
        INDArray sums = z.sum(1);
        for (int i = 0; i < 100; i++) {
            assertThat(sums.getDouble(i)).isCloseTo(1.0, within(1e-9));
        }
    }

    @Test
    void theArgmaxIsDistributedAsTheCategoricalByAChiSquareTest() {
        INDArray z = draw(sampler("1", "0"), 1.0).get("z");
        INDArray argmax = Nd4j.argMax(z, 1);
        long[] counts = new long[4];
        for (int i = 0; i < DRAWS; i++) {
            counts[argmax.getInt(i)]++;
        }
        double chiSquare = 0;
        for (int c = 0; c < 4; c++) {
            double expected = DRAWS * PI[c];
            chiSquare += (counts[c] - expected) * (counts[c] - expected) / expected;
        }
        // 3 degrees of freedom: the 0.999 quantile is 16.27.
        assertThat(chiSquare).isLessThan(16.27);
    }

    @Test
    void asTheTemperatureFallsSamplesBecomeOneHot() {
        double hot = draw(sampler("1", "0"), 2.0).get("z").max(1).meanNumber().doubleValue();
        double cool = draw(sampler("1", "0"), 0.5).get("z").max(1).meanNumber().doubleValue();
        double cold = draw(sampler("1", "0"), 0.02).get("z").max(1).meanNumber().doubleValue();
        assertThat(hot).isLessThan(cool);
        assertThat(cool).isLessThan(cold);
        assertThat(cold).isGreaterThan(0.99);
    }

    @Test
    void theKlIsThatOfTheCategoricalToTheUniformPrior() {
        double expected = 0;
        for (double p : PI) {
            expected += p * Math.log(p * PI.length);
        }
        assertThat(draw(sampler("1", "0"), 1.0).get("kl").getDouble(0)).isCloseTo(expected, within(1e-9));
    }

    @Test
    void theTemperatureAnnealsPerEpochDownToItsFloor() {
        NoiseSampler annealed = sampler("1", "0.5");
        assertThat(annealed.schedule(1).get(GumbelSoftmaxSampler.TEMPERATURE)).isEqualTo(1.0);
        assertThat(annealed.schedule(3).get(GumbelSoftmaxSampler.TEMPERATURE)).isCloseTo(Math.exp(-1), within(1e-12));
        assertThat(annealed.schedule(100).get(GumbelSoftmaxSampler.TEMPERATURE)).isEqualTo(0.01);
    }
}
