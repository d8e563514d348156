package dev.vae.testkit;

import dev.vae.api.spi.Likelihood;
import java.util.Arrays;
import java.util.Map;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.factory.Nd4j;

/**
 * A likelihood is a density: over one data dimension, exp(log p(x|z)) sums to one over a discrete
 * support, or integrates to one over the reals, for every decoder output. Each row of decoder outputs
 * describes one distribution and holds {@link Likelihood#outputsPerDimension()} values.
 *
 * <pre>
 * LikelihoodNormalization.of(new BernoulliLikelihood())
 *         .assertSumsToOne(new double[] {0, 1}, new double[][] {{-3}, {0}, {2.5}}, 1e-12);
 * </pre>
 */
public final class LikelihoodNormalization {
    private final Likelihood likelihood;

    private LikelihoodNormalization(Likelihood likelihood) {
        this.likelihood = likelihood;
    }

    public static LikelihoodNormalization of(Likelihood likelihood) {
        return new LikelihoodNormalization(likelihood);
    }

    /**
     * Checks that the probabilities of the points of {@code support} sum to one within {@code tolerance}.
     *
     * @return the sums, one per row of decoder outputs
     */
    public double[] assertSumsToOne(double[] support, double[][] decoderOut, double tolerance) {
        double[][] density = densities(support, decoderOut);
        double[] totals = Arrays.stream(density).mapToDouble(row -> Arrays.stream(row).sum()).toArray();
        check(totals, decoderOut, tolerance, "the probabilities of " + Arrays.toString(support) + " sum to ");
        return totals;
    }

    /**
     * Checks with the trapezoid rule over {@code points} equally spaced points of [from, to] that the
     * density integrates to one within {@code tolerance}; the interval must hold all but a negligible
     * part of the mass.
     *
     * @return the integrals, one per row of decoder outputs
     */
    public double[] assertIntegratesToOne(double from, double to, int points, double[][] decoderOut, double tolerance) {
        if (points < 2 || !(to > from)) {
            throw new IllegalArgumentException("need 2 or more points over an interval with from < to, got "
                    + points + " over [" + from + ", " + to + "]");
        }
        double h = (to - from) / (points - 1);
        double[] grid = new double[points];
        Arrays.setAll(grid, i -> from + i * h);
        double[][] density = densities(grid, decoderOut);
        double[] totals = Arrays.stream(density).mapToDouble(row -> h * (Arrays.stream(row).sum()
                - (row[0] + row[points - 1]) / 2)).toArray();
        check(totals, decoderOut, tolerance, "the density integrates over [" + from + ", " + to + "] ("
                + points + " points) to ");
        return totals;
    }

    private void check(double[] totals, double[][] decoderOut, double tolerance, String what) {
        for (int r = 0; r < totals.length; r++) {
            if (!(Math.abs(totals[r] - 1) <= tolerance)) {
                throw new AssertionError("likelihood " + likelihood.name() + ", decoder outputs "
                        + Arrays.toString(decoderOut[r]) + ": " + what + totals[r] + ", not 1 ± " + tolerance);
            }
        }
    }

    /** p(x|decoder outputs) for every point x and every row, from one run of the graph. */
    private double[][] densities(double[] xs, double[][] decoderOut) {
        int width = likelihood.outputsPerDimension();
        double[][] x = new double[decoderOut.length * xs.length][1];
        double[][] out = new double[x.length][];
        for (int r = 0; r < decoderOut.length; r++) {
            if (decoderOut[r].length != width) {
                throw new IllegalArgumentException("likelihood " + likelihood.name() + " takes " + width
                        + " decoder outputs per dimension, row " + r + " has " + decoderOut[r].length);
            }
            for (int i = 0; i < xs.length; i++) {
                x[r * xs.length + i][0] = xs[i];
                out[r * xs.length + i] = decoderOut[r];
            }
        }
        SameDiff sd = SameDiff.create();
        SDVariable xv = sd.placeHolder("x", DataType.DOUBLE, -1, 1);
        SDVariable outv = sd.placeHolder("decoderOut", DataType.DOUBLE, -1, width);
        SDVariable logProb = likelihood.logProb(sd, xv, outv, 1);
        double[] lp = sd.output(Map.of("x", Nd4j.createFromArray(x), "decoderOut", Nd4j.createFromArray(out)),
                logProb.name()).get(logProb.name()).toDoubleVector();
        double[][] density = new double[decoderOut.length][xs.length];
        for (int r = 0; r < decoderOut.length; r++) {
            for (int i = 0; i < xs.length; i++) {
                density[r][i] = Math.exp(lp[r * xs.length + i]);
            }
        }
        return density;
    }
}
