package dev.vae.divergence;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vae.api.CodePairs;
import dev.vae.api.LatentSample;
import dev.vae.api.LogWeights;
import dev.vae.api.Objective;
import dev.vae.api.ParamValues;
import dev.vae.testkit.TestWeights;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.random.impl.GaussianDistribution;
import org.nd4j.linalg.api.rng.Random;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.GradientUpdater;
import org.nd4j.linalg.learning.config.Adam;

/**
 * The discriminator's logistic loss, trained alone on draws of two known Gaussians, q = N(1, 0.6^2)
 * against p = N(0, 1), must put T at its optimum log q(z) - log p(z) (Mescheder et al. 2017,
 * Proposition 1): within 0.2 nats at every point of a grid over [-0.2, 2.2], and 0.06 on average.
 */
class AvbDivergenceTest {
    private static final double Q_MEAN = 1;
    private static final double Q_SD = 0.6;
    private static final int BATCH = 512;

    @Test
    void theDiscriminatorsOptimumIsTheLogDensityRatio() {
        AvbDivergence avb = (AvbDivergence) new AvbDivergence().configure(ParamValues.resolve("avb",
                new AvbDivergence().parameters(), Map.of("hidden", "32,32")));
        SameDiff sd = SameDiff.create();
        SDVariable data = sd.placeHolder("x", DataType.DOUBLE, -1, 1);
        SDVariable fromQ = sd.placeHolder("zq", DataType.DOUBLE, -1, 1);
        SDVariable fromP = sd.placeHolder("zp", DataType.DOUBLE, -1, 1);
        TestWeights weights = TestWeights.in(sd, 3);
        Objective objective = avb.ownObjective(weights, terms(sd, data, fromQ, fromP)).orElseThrow();
        sd.setLossVariables(objective.loss());

        train(sd, weights.declared().keySet().stream().toList());

        double[] grid = new double[25];
        for (int i = 0; i < grid.length; i++) {
            grid[i] = -0.2 + 2.4 * i / (grid.length - 1);
        }
        SDVariable t = avb.bound(weights, terms(sd, data, fromQ, fromP));
        INDArray z = Nd4j.createFromArray(grid).reshape(-1, 1);
        // With log p(x|z) = 0 and K = 1 the bound is -T(x, z).
        double[] scored = sd.output(Map.of("x", Nd4j.zeros(DataType.DOUBLE, grid.length, 1), "zq", z, "zp", z),
                t.name()).get(t.name()).neg().toDoubleVector();
        double meanError = 0;
        for (int i = 0; i < grid.length; i++) {
            double ratio = logNormal(grid[i], Q_MEAN, Q_SD) - logNormal(grid[i], 0, 1);
            assertThat(scored[i]).as("T(%.2f)", grid[i]).isCloseTo(ratio, org.assertj.core.data.Offset.offset(0.2));
            meanError += Math.abs(scored[i] - ratio) / grid.length;
        }
        assertThat(meanError).isLessThan(0.06);
    }

    private static LogWeights terms(SameDiff sd, SDVariable data, SDVariable fromQ, SDVariable fromP) {
        SDVariable zero = fromQ.reshape(1, -1).mul(0.0);
        LatentSample latent = new LatentSample(fromQ.reshape(1, -1, 1), zero, zero, Optional.empty());
        return new LogWeights(zero, latent, 1, Optional.of(new CodePairs(data, 1, fromQ, fromP, fromP, 1)));
    }

    /** Adam on fresh draws of both Gaussians for each step. */
    private static void train(SameDiff sd, List<String> names) {
        Random rng = Nd4j.getRandomFactory().getNewRandomInstance(5);
        Map<String, GradientUpdater<?>> updaters = new HashMap<>();
        for (String name : names) {
            long size = sd.getArrForVarName(name).length();
            Adam adam = new Adam(5e-3);
            updaters.put(name, adam.instantiate(Nd4j.zeros(DataType.DOUBLE, 1, adam.stateSize(size)), true));
        }
        for (int step = 0; step < 1000; step++) {
            INDArray q = Nd4j.create(DataType.DOUBLE, BATCH, 1);
            Nd4j.getExecutioner().exec(new GaussianDistribution(q, Q_MEAN, Q_SD), rng);
            INDArray p = Nd4j.create(DataType.DOUBLE, BATCH, 1);
            Nd4j.getExecutioner().exec(new GaussianDistribution(p, 0.0, 1.0), rng);
            Map<String, INDArray> gradients = sd.calculateGradients(
                    Map.of("x", Nd4j.zeros(DataType.DOUBLE, BATCH, 1), "zq", q, "zp", p), names);
            for (String name : names) {
                INDArray g = gradients.get(name).reshape(1, -1).dup();
                updaters.get(name).applyUpdater(g, step, 0);
                sd.getArrForVarName(name).subi(g.reshape(sd.getArrForVarName(name).shape()));
            }
        }
    }

    private static double logNormal(double z, double mean, double sd) {
        return -0.5 * Math.log(2 * Math.PI) - Math.log(sd) - (z - mean) * (z - mean) / (2 * sd * sd);
    }
}
