package dev.vae.likelihood;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.vae.testkit.GradientCheck;
import dev.vae.testkit.LikelihoodNormalization;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

class BernoulliLikelihoodTest {
    private final BernoulliLikelihood likelihood = new BernoulliLikelihood();

    private double[] logProb(double[][] x, double[][] logits) {
        SameDiff sd = SameDiff.create();
        SDVariable xs = sd.placeHolder("x", DataType.DOUBLE, -1, x[0].length);
        SDVariable ls = sd.placeHolder("l", DataType.DOUBLE, -1, x[0].length);
        SDVariable out = likelihood.logProb(sd, xs, ls, x[0].length);
        INDArray result = sd.output(Map.of("x", Nd4j.createFromArray(x), "l", Nd4j.createFromArray(logits)),
                out.name()).get(out.name());
        return result.toDoubleVector();
    }

    @Test
    void matchesTheClosedFormSumOfLogSigmoids() {
        double[][] x = {{1, 0, 1, 0.25}, {0, 0, 1, 1}};
        double[][] logits = {{2.0, -1.5, 0.3, 0.0}, {-4, 5, -0.5, 7}};
        double[] got = logProb(x, logits);
        for (int n = 0; n < x.length; n++) {
            double expected = 0;
            for (int d = 0; d < x[n].length; d++) {
                double p = 1 / (1 + Math.exp(-logits[n][d]));
                expected += x[n][d] * Math.log(p) + (1 - x[n][d]) * Math.log(1 - p);
            }
            assertThat(got[n]).isCloseTo(expected, within(1e-12));
        }
    }

    @Test
    void probabilitiesOfZeroAndOneSumToOne() {
        LikelihoodNormalization.of(likelihood)
                .assertSumsToOne(new double[] {0, 1}, new double[][] {{-30}, {-2}, {0}, {0.7}, {15}}, 1e-12);
    }

    @Test
    void theGradientInTheLogitsMatchesCentralDifferences() {
        // Not at a logit of exactly 0, where relu and abs have no derivative and the graph's is 0, not 1/2.
        int checked = GradientCheck.of((sd, in) -> likelihood.logProb(sd, in.get("x"), in.get("logits"), 4))
                .constant("x", Nd4j.createFromArray(new double[][] {{1, 0, 1, 0.25}, {0, 0, 1, 1}}))
                .variable("logits", Nd4j.createFromArray(new double[][] {{2.0, -1.5, 0.3, 0.01}, {-4, 5, -0.5, 7}}))
                .assertMatchesCentralDifferences();
        assertThat(checked).isEqualTo(8);
    }

    @Test
    void staysFiniteAndExactForExtremeLogits() {
        double[] got = logProb(new double[][] {{1, 0}, {0, 1}}, new double[][] {{800, -800}, {800, -800}});
        assertThat(got[0]).isCloseTo(0.0, within(1e-12));
        assertThat(got[1]).isCloseTo(-1600.0, within(1e-9));
    }

    @Test
    void meanIsTheSigmoidOfTheLogits() {
        INDArray mean = likelihood.mean(Nd4j.createFromArray(new double[][] {{0, Math.log(3)}}));
        assertThat(mean.toDoubleVector()).containsExactly(new double[] {0.5, 0.75}, within(1e-12));
    }
}
