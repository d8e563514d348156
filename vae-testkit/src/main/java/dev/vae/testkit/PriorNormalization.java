package dev.vae.testkit;

import dev.vae.api.LatentLayout;
import dev.vae.api.WeightValues;
import dev.vae.api.spi.Prior;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.rng.Random;
import org.nd4j.linalg.factory.Nd4j;

/**
 * A prior over real codes of one or two dimensions is a density, and its draws follow it:
 * exp(log p(z)) integrates to one over a box by the trapezoid rule on a grid, and every column of
 * {@link Prior#sample} has the mean and variance that the same quadrature gives, within a number of
 * standard errors of the sample (the variance's from the sample's fourth moment). The prior's weights
 * take the values the test sets, or else its initializers' draws from the seed's stream; the draws of
 * {@code sample} come from the next seed's stream.
 *
 * <pre>
 * PriorNormalization check = PriorNormalization.of(new MixturePrior()).codeWidth(2)
 *         .weight("means", Nd4j.createFromArray(new double[][] {{-2, 0}, {1, 1}}));
 * check.assertIntegratesToOne(-12, 12, 241, 1e-9);
 * check.assertSamplesMatch(-12, 12, 241);
 * </pre>
 */
public final class PriorNormalization {
    private final Prior prior;
    private final Map<String, INDArray> weights = new LinkedHashMap<>();
    private int codeWidth = 1;
    private int draws = 100_000;
    private long seed = 1;
    private double standardErrors = 5;
    private TestInference inference;

    private PriorNormalization(Prior prior) {
        this.prior = prior;
    }

    public static PriorNormalization of(Prior prior) {
        return new PriorNormalization(prior);
    }

    /** The code dimensions, 1 or 2; 1 by default. */
    public PriorNormalization codeWidth(int codeWidth) {
        if (codeWidth != 1 && codeWidth != 2) {
            throw new IllegalArgumentException("quadrature covers codes of 1 or 2 dimensions, got " + codeWidth);
        }
        this.codeWidth = codeWidth;
        return this;
    }

    /** Gives the prior's weight {@code name} this value in place of its initializer's draw. */
    public PriorNormalization weight(String name, INDArray value) {
        weights.put(name, value);
        return this;
    }

    /**
     * The encoder a prior built from the model's inference network is checked with; its L must be
     * the code width. Without it, the forms of {@code logDensity} and {@code sample} without one are called.
     */
    public PriorNormalization inference(TestInference inference) {
        this.inference = inference;
        return this;
    }

    /** Draws of {@code sample}; 100,000 by default. */
    public PriorNormalization draws(int draws) {
        this.draws = draws;
        return this;
    }

    /** The seed of the initial weights, and of the draws with 1 added; 1 by default. */
    public PriorNormalization seed(long seed) {
        this.seed = seed;
        return this;
    }

    /** How many standard errors a sample moment may miss by; 5 by default. */
    public PriorNormalization standardErrors(double standardErrors) {
        this.standardErrors = standardErrors;
        return this;
    }

    /**
     * Checks that the density integrates to one within {@code tolerance} over [from, to] in every
     * dimension, by the trapezoid rule on {@code points} equally spaced points per dimension; the box
     * must hold all but a negligible part of the mass.
     *
     * @return the integral
     */
    public double assertIntegratesToOne(double from, double to, int points, double tolerance) {
        double total = quadrature(from, to, points).total();
        if (!(Math.abs(total - 1) <= tolerance)) {
            throw new AssertionError("prior " + prior.name() + " over [" + from + ", " + to + "]^" + codeWidth + " ("
                    + points + " points per dimension): the density integrates to " + total + ", not 1 ± " + tolerance);
        }
        return total;
    }

    /**
     * Checks the mean and variance of every column of {@code sample}'s draws against those of the
     * density, computed by quadrature over the box as in {@link #assertIntegratesToOne}.
     */
    public void assertSamplesMatch(double from, double to, int points) {
        Quadrature q = quadrature(from, to, points);
        INDArray z = Nd4j.create(DataType.DOUBLE, draws, codeWidth);
        Random rng = Nd4j.getRandomFactory().getNewRandomInstance(seed + 1);
        if (inference == null) {
            prior.sample(z, layout(), q.values(), rng);
        } else {
            prior.sample(z, layout(), q.values(), inference, rng);
        }
        double[][] columns = z.transpose().toDoubleMatrix();
        for (int j = 0; j < codeWidth; j++) {
            double mean = q.moment(j, 0, 1);
            assertColumn(j, columns[j], mean, q.moment(j, mean, 2));
        }
    }

    private void assertColumn(int column, double[] x, double mean, double variance) {
        SampleMoments m = SampleMoments.of(x);
        check(column, "mean", m.mean(), mean, standardErrors * m.meanError());
        check(column, "variance", m.variance(), variance, standardErrors * m.varianceError());
    }

    private void check(int column, String moment, double sampled, double expected, double tolerance) {
        if (!(Math.abs(sampled - expected) <= tolerance)) {
            throw new AssertionError("prior " + prior.name() + ", code column " + column + " of " + draws
                    + " draws (seed " + (seed + 1) + "): sample " + moment + " " + sampled + ", but the density's by "
                    + "quadrature is " + expected + " ± " + tolerance + " (" + standardErrors + " standard errors)");
        }
    }

    private LatentLayout layout() {
        return new LatentLayout(codeWidth, codeWidth, codeWidth);
    }

    /** The density on the grid of the box, from one run of the graph, with the weights it ran with. */
    private Quadrature quadrature(double from, double to, int points) {
        if (points < 2 || !(to > from)) {
            throw new IllegalArgumentException("need 2 or more points over an interval with from < to, got "
                    + points + " over [" + from + ", " + to + "]");
        }
        double h = (to - from) / (points - 1);
        int rows = (int) Math.pow(points, codeWidth);
        double[][] grid = new double[rows][codeWidth];
        double[] cell = new double[rows];
        for (int r = 0; r < rows; r++) {
            cell[r] = 1;
            for (int j = 0, rest = r; j < codeWidth; j++, rest /= points) {
                int i = rest % points;
                grid[r][j] = from + i * h;
                cell[r] *= i == 0 || i == points - 1 ? h / 2 : h;
            }
        }
        SameDiff sd = SameDiff.create();
        TestWeights scope = TestWeights.in(sd, seed);
        weights.forEach(scope::set);
        SDVariable codes = sd.constant("z", Nd4j.createFromArray(grid));
        SDVariable logP = inference == null ? prior.logDensity(scope, codes, layout(), Optional.empty())
                : prior.logDensity(scope, codes, layout(), Optional.empty(), inference.in(scope));
        INDArray out = sd.output(Map.of(), logP.name()).get(logP.name());
        if (out.rank() != 1 || out.length() != rows) {
            throw new AssertionError("prior " + prior.name() + ": logDensity of " + rows + " codes has shape "
                    + Arrays.toString(out.shape()) + ", expected [" + rows + "]");
        }
        double[] mass = out.toDoubleVector();
        for (int r = 0; r < rows; r++) {
            mass[r] = cell[r] * Math.exp(mass[r]);
        }
        return new Quadrature(grid, mass, scope.values());
    }

    /** Quadrature weights times the density at each grid point, and the prior's weights. */
    private record Quadrature(double[][] grid, double[] mass, WeightValues values) {
        double total() {
            return Arrays.stream(mass).sum();
        }

        /** E[(z_j − center)^power] under the density normalized over the box. */
        double moment(int j, double center, int power) {
            double sum = 0;
            for (int r = 0; r < mass.length; r++) {
                sum += mass[r] * Math.pow(grid[r][j] - center, power);
            }
            return sum / total();
        }
    }
}
