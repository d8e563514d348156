package dev.vae.sampler;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.vae.api.spi.NoiseSampler;
import dev.vae.testkit.GradientCheck;
import java.util.Map;
import java.util.function.DoubleBinaryOperator;
import org.junit.jupiter.api.Test;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** The families' log-density of given codes under each row of parameters, [N, M], against the formulas. */
class CodeDensityTest {
    /** Three codes of two variables, and two rows of parameters: locations, then log-scales. */
    private static final double[][] Z = {{0, 0}, {1.5, -2}, {-3, 0.4}};
    private static final double[][] PARAMETERS = {{0.5, -1, Math.log(0.25), 0.3}, {-2, 2, 1.1, Math.log(2)}};

    @Test
    void theNormalDensityIsTheGaussianOfEachCodeUnderEachRow() {
        assertMatches(new NormalSampler(), (d, logVariance) ->
                -0.5 * Math.log(2 * Math.PI) - 0.5 * logVariance - d * d / (2 * Math.exp(logVariance)));
    }

    @Test
    void theLaplaceDensityIsTheLaplaceOfEachCodeUnderEachRow() {
        assertMatches(new LaplaceSampler(), (d, logScale) -> -Math.log(2) - logScale - Math.abs(d) / Math.exp(logScale));
    }

    @Test
    void oneVariableAndOneRowKeepTheShape() {
        SameDiff sd = SameDiff.create();
        SDVariable out = new NormalSampler().logDensity(sd, sd.constant(Nd4j.createFromArray(new double[][] {{0.7}, {-1}})),
                sd.constant(Nd4j.createFromArray(new double[][] {{0.2, Math.log(3)}})), 1);
        INDArray logQ = sd.output(Map.of(), out.name()).get(out.name());
        assertThat(logQ.shape()).containsExactly(2, 1);
        assertThat(logQ.getDouble(1, 0)).isCloseTo(-0.5 * Math.log(2 * Math.PI * 3) - 1.44 / 6, within(1e-12));
    }

    @Test
    void gradientsOfCodesAndParametersMatchCentralDifferences() {
        for (NoiseSampler sampler : new NoiseSampler[] {new NormalSampler(), new LaplaceSampler()}) {
            GradientCheck.of((sd, in) -> sampler.logDensity(sd, in.get("z"), in.get("parameters"), 2))
                    .variable("z", Nd4j.createFromArray(Z))
                    .variable("parameters", Nd4j.createFromArray(PARAMETERS))
                    .assertMatchesCentralDifferences();
        }
    }

    @Test
    void gumbelOffersNoDensityOfGivenCodes() {
        SameDiff sd = SameDiff.create();
        assertThatThrownBy(() -> new GumbelSoftmaxSampler().logDensity(sd, sd.constant(Nd4j.ones(1, 4)),
                sd.constant(Nd4j.ones(1, 4)), 2))
                .isInstanceOf(UnsupportedOperationException.class)
                .hasMessage("sampler gumbel offers no density of given codes");
    }

    /** Each entry [n, m] against the sum over j of {@code density(z_nj - location_mj, logScale_mj)}. */
    private static void assertMatches(NoiseSampler sampler, DoubleBinaryOperator density) {
        SameDiff sd = SameDiff.create();
        SDVariable out = sampler.logDensity(sd, sd.constant(Nd4j.createFromArray(Z)), sd.constant(Nd4j.createFromArray(PARAMETERS)), 2);
        INDArray logQ = sd.output(Map.of(), out.name()).get(out.name());
        assertThat(logQ.shape()).containsExactly(Z.length, PARAMETERS.length);
        for (int n = 0; n < Z.length; n++) {
            for (int m = 0; m < PARAMETERS.length; m++) {
                double expected = 0;
                for (int j = 0; j < 2; j++) {
                    expected += density.applyAsDouble(Z[n][j] - PARAMETERS[m][j], PARAMETERS[m][2 + j]);
                }
                assertThat(logQ.getDouble(n, m)).as("code %d, row %d", n, m).isCloseTo(expected, within(1e-12));
            }
        }
    }
}
