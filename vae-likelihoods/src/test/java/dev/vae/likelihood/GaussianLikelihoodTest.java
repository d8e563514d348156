package dev.vae.likelihood;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.vae.api.ParamValues;
import dev.vae.api.spi.Likelihood;
import dev.vae.testkit.GradientCheck;
import dev.vae.testkit.LikelihoodNormalization;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.factory.Nd4j;

class GaussianLikelihoodTest {
    private static final double[][] X = {{0.2, -1.0, 3.0}, {0.0, 0.5, 0.5}};

    private static double[] logProb(Likelihood likelihood, double[][] decoderOut) {
        SameDiff sd = SameDiff.create();
        SDVariable x = sd.placeHolder("x", DataType.DOUBLE, -1, 3);
        SDVariable out = sd.placeHolder("out", DataType.DOUBLE, -1, decoderOut[0].length);
        SDVariable lp = likelihood.logProb(sd, x, out, 3);
        return sd.output(Map.of("x", Nd4j.createFromArray(X), "out", Nd4j.createFromArray(decoderOut)), lp.name())
                .get(lp.name()).toDoubleVector();
    }

    private static double normalLogDensity(double x, double mean, double variance) {
        return -0.5 * Math.log(2 * Math.PI * variance) - (x - mean) * (x - mean) / (2 * variance);
    }

    private static Likelihood configured(String fixed, String floor) {
        GaussianLikelihood g = new GaussianLikelihood();
        return g.configure(ParamValues.resolve("gaussian", g.parameters(), Map.of("fixed_variance", fixed, "min_variance", floor)));
    }

    @Test
    void learnedVariancesGiveTheExactLogDensityPlusTheFloor() {
        double[][] out = {{0.0, -0.5, 2.0, 0.0, Math.log(0.5), Math.log(4)}, {1.0, 0.5, -0.5, -2.0, 0.0, 1.0}};
        double floor = 1e-3;
        double[] got = logProb(configured("0", "0.001"), out);
        for (int n = 0; n < 2; n++) {
            double expected = 0;
            for (int d = 0; d < 3; d++) {
                expected += normalLogDensity(X[n][d], out[n][d], Math.exp(out[n][3 + d]) + floor);
            }
            assertThat(got[n]).isCloseTo(expected, within(1e-12));
        }
    }

    @Test
    void aFixedVarianceNeedsOnlyMeans() {
        Likelihood fixed = configured("0.25", "0.001");
        assertThat(fixed.outputsPerDimension()).isEqualTo(1);
        double[][] out = {{0.1, -0.9, 2.5}, {0.0, 0.0, 0.0}};
        double[] got = logProb(fixed, out);
        for (int n = 0; n < 2; n++) {
            double expected = 0;
            for (int d = 0; d < 3; d++) {
                expected += normalLogDensity(X[n][d], out[n][d], 0.25);
            }
            assertThat(got[n]).isCloseTo(expected, within(1e-12));
        }
    }

    @Test
    void learnedAndFixedDensitiesIntegrateToOne() {
        LikelihoodNormalization.of(configured("0", "0.001")).assertIntegratesToOne(-25, 25, 5001,
                new double[][] {{0, 0}, {2, Math.log(0.25)}, {-1, Math.log(4)}, {0.5, -12}}, 1e-9);
        LikelihoodNormalization.of(configured("0.25", "0.001"))
                .assertIntegratesToOne(-25, 25, 5001, new double[][] {{0}, {1.5}}, 1e-9);
    }

    @Test
    void theGradientInMeansAndLogVariancesMatchesCentralDifferences() {
        int checked = GradientCheck.of((sd, in) -> configured("0", "0.001").logProb(sd, in.get("x"), in.get("out"), 3))
                .constant("x", Nd4j.createFromArray(X))
                .variable("out", Nd4j.createFromArray(new double[][] {
                    {0.0, -0.5, 2.0, 0.0, Math.log(0.5), Math.log(4)}, {1.0, 0.5, -0.5, -2.0, 0.0, 1.0}}))
                .assertMatchesCentralDifferences();
        assertThat(checked).isEqualTo(12);
    }

    @Test
    void theFloorKeepsTheDensityFiniteWhenTheLogVarianceCollapses() {
        double[] got = logProb(new GaussianLikelihood(), new double[][] {
            {0.2, -1.0, 3.0, -1e4, -1e4, -1e4}, {0.0, 0.5, 0.5, -1e4, -1e4, -1e4}});
        assertThat(java.util.Arrays.stream(got).allMatch(Double::isFinite)).isTrue();
    }

    @Test
    void theMeanIsTheFirstBlockOfOutputs() {
        double[][] out = {{1, 2, 3, 9, 9, 9}};
        assertThat(new GaussianLikelihood().mean(Nd4j.createFromArray(out)).toDoubleVector()).containsExactly(1, 2, 3);
    }

    @Test
    void outOfRangeParametersAreRefusedWithTheirRange() {
        GaussianLikelihood g = new GaussianLikelihood();
        assertThatThrownBy(() -> ParamValues.resolve("likelihood gaussian", g.parameters(), Map.of("min_variance", "0")))
                .hasMessage("likelihood gaussian: parameter min_variance takes a number in [1.0E-9, 1000], got 0");
    }
}
