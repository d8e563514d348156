package dev.vae.testkit;

import dev.vae.api.FlowStep;
import dev.vae.api.spi.Flow;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * A flow's log-determinant is that of its transform: at each given code, the
 * {@link FlowStep#logDetJacobian()} of {@link Flow#transform} agrees with log |det J|, J the Jacobian
 * of the transformed codes by central differences, (f(z + h e_j) − f(z − h e_j)) / 2h for column j,
 * in double precision. Over one code dimension it also checks that the transform is strictly monotone
 * along an interval, as an invertible one is. The flow's weights take the values the test sets, or else
 * its initializers' draws from the seed's stream. A flow that reads a context ({@link Flow#contextWidth})
 * is given the rows the test sets with {@link #context}, and its Jacobian is that of z alone.
 *
 * <pre>
 * FlowJacobian.of(new PlanarFlow()).codeWidth(2).seed(3)
 *         .assertLogDeterminants(new double[][] {{0, 0}, {1.5, -0.5}});
 * FlowJacobian.of(new PlanarFlow()).weight("0.w", Nd4j.createFromArray(2.0)).assertMonotone(-5, 5, 1001);
 * </pre>
 */
public final class FlowJacobian {
    private final Flow flow;
    private final Map<String, INDArray> weights = new LinkedHashMap<>();
    private double[][] context;
    private int codeWidth = 1;
    private long seed = 1;
    private double step = 1e-5;
    private double tolerance = 1e-6;

    private FlowJacobian(Flow flow) {
        this.flow = flow;
    }

    public static FlowJacobian of(Flow flow) {
        return new FlowJacobian(flow);
    }

    /** The code dimensions L; 1 by default. */
    public FlowJacobian codeWidth(int codeWidth) {
        this.codeWidth = codeWidth;
        return this;
    }

    /** Gives the flow's weight {@code name} this value in place of its initializer's draw. */
    public FlowJacobian weight(String name, INDArray value) {
        weights.put(name, value);
        return this;
    }

    /**
     * The context of the codes, for a flow that reads one: a single row for every code, or one row per
     * code of {@link #assertLogDeterminants} and {@link #jacobians}.
     */
    public FlowJacobian context(double[]... rows) {
        this.context = rows.clone();
        return this;
    }

    /** The seed of the initial weights; 1 by default. */
    public FlowJacobian seed(long seed) {
        this.seed = seed;
        return this;
    }

    /** The step h of the central differences; 1e-5 by default. */
    public FlowJacobian step(double step) {
        this.step = step;
        return this;
    }

    /** How far a log-determinant may be from the numerical one; 1e-6 by default. */
    public FlowJacobian tolerance(double tolerance) {
        this.tolerance = tolerance;
        return this;
    }

    /**
     * Checks the log-determinant at each code.
     *
     * @param codes rows of {@code codeWidth} values
     * @return the flow's log-determinants, one per code
     */
    public double[] assertLogDeterminants(double[][] codes) {
        Differences d = differences(codes);
        double[] logDets = new double[codes.length];
        for (int c = 0; c < codes.length; c++) {
            double numeric = logAbsDeterminant(d.jacobians()[c]);
            logDets[c] = d.logDets()[c];
            if (!(Math.abs(logDets[c] - numeric) <= tolerance)) {
                throw new AssertionError("flow " + flow.name() + ", code " + Arrays.toString(codes[c]) + ": log-determinant "
                        + logDets[c] + " but log |det J| of the central-difference Jacobian (h = " + step + ") is "
                        + numeric + ", beyond " + tolerance);
            }
        }
        return logDets;
    }

    /**
     * The Jacobian of the transform at each code by central differences, entry [c][i][j] the derivative
     * of output i by input j at code c, for checks of its structure (an autoregressive flow's zeros).
     */
    public double[][][] jacobians(double[][] codes) {
        return differences(codes).jacobians();
    }

    private Differences differences(double[][] codes) {
        int rowsPerCode = 1 + 2 * codeWidth;
        double[][] rows = new double[codes.length * rowsPerCode][];
        double[][] contexts = new double[rows.length][];
        for (int c = 0; c < codes.length; c++) {
            if (codes[c].length != codeWidth) {
                throw new IllegalArgumentException("code " + c + " has " + codes[c].length + " values, not " + codeWidth);
            }
            rows[c * rowsPerCode] = codes[c];
            for (int j = 0; j < codeWidth; j++) {
                rows[c * rowsPerCode + 1 + 2 * j] = shifted(codes[c], j, step);
                rows[c * rowsPerCode + 2 + 2 * j] = shifted(codes[c], j, -step);
            }
            Arrays.fill(contexts, c * rowsPerCode, (c + 1) * rowsPerCode, contextOf(c, codes.length));
        }
        Transformed out = transform(rows, contexts);
        double[][][] jacobians = new double[codes.length][codeWidth][codeWidth];
        double[] logDets = new double[codes.length];
        for (int c = 0; c < codes.length; c++) {
            int base = c * rowsPerCode;
            for (int j = 0; j < codeWidth; j++) {
                for (int i = 0; i < codeWidth; i++) {
                    jacobians[c][i][j] = (out.z()[base + 1 + 2 * j][i] - out.z()[base + 2 + 2 * j][i]) / (2 * step);
                }
            }
            logDets[c] = out.logDet()[base];
        }
        return new Differences(jacobians, logDets);
    }

    /** The context row of code c of n, or null for a flow without one. */
    private double[] contextOf(int c, int n) {
        int width = flow.contextWidth(codeWidth);
        if (width == 0) {
            return null;
        }
        if (context == null || (context.length != 1 && context.length != n)) {
            throw new IllegalArgumentException("flow " + flow.name() + " reads a context of " + width
                    + " columns: give one row for every code or one per code with context(...)");
        }
        return context.length == 1 ? context[0] : context[c];
    }

    /** Checks, for one code dimension, that f is strictly monotone on {@code points} equally spaced codes of [from, to]. */
    public void assertMonotone(double from, double to, int points) {
        if (codeWidth != 1 || points < 3 || !(to > from)) {
            throw new IllegalArgumentException("monotonicity is of one code dimension, over 3 or more points with "
                    + "from < to; got width " + codeWidth + ", " + points + " points over [" + from + ", " + to + "]");
        }
        double[][] rows = new double[points][1];
        for (int i = 0; i < points; i++) {
            rows[i][0] = from + i * (to - from) / (points - 1);
        }
        double[][] contexts = new double[points][];
        Arrays.fill(contexts, contextOf(0, 1));
        double[][] f = transform(rows, contexts).z();
        double direction = Math.signum(f[1][0] - f[0][0]);
        for (int i = 1; i < points; i++) {
            if (!(Math.signum(f[i][0] - f[i - 1][0]) == direction && direction != 0)) {
                throw new AssertionError("flow " + flow.name() + " is not strictly monotone on [" + from + ", " + to
                        + "]: f(" + rows[0][0] + ") = " + f[0][0] + ", f(" + rows[1][0] + ") = " + f[1][0] + " but f("
                        + rows[i - 1][0] + ") = " + f[i - 1][0] + ", f(" + rows[i][0] + ") = " + f[i][0]);
            }
        }
    }

    private static double[] shifted(double[] code, int j, double by) {
        double[] copy = code.clone();
        copy[j] += by;
        return copy;
    }

    /** The flow applied to the rows, each with its context (null rows for a flow without one), in one graph. */
    private Transformed transform(double[][] rows, double[][] contexts) {
        SameDiff sd = SameDiff.create();
        TestWeights scope = TestWeights.in(sd, seed);
        weights.forEach(scope::set);
        SDVariable h = contexts[0] == null ? null : sd.constant("context", Nd4j.createFromArray(contexts));
        FlowStep step = flow.transform(scope, sd.constant("z", Nd4j.createFromArray(rows)), h, codeWidth);
        Map<String, INDArray> out = sd.output(Map.of(), step.z().name(), step.logDetJacobian().name());
        INDArray z = out.get(step.z().name());
        INDArray logDet = out.get(step.logDetJacobian().name());
        if (!Arrays.equals(z.shape(), new long[] {rows.length, codeWidth})
                || !Arrays.equals(logDet.shape(), new long[] {rows.length})) {
            throw new AssertionError("flow " + flow.name() + " maps " + rows.length + " codes of width " + codeWidth
                    + " to codes of shape " + Arrays.toString(z.shape()) + " and log-determinants of shape "
                    + Arrays.toString(logDet.shape()) + ", expected [" + rows.length + ", " + codeWidth + "] and ["
                    + rows.length + "]");
        }
        return new Transformed(z.toDoubleMatrix(), logDet.toDoubleVector());
    }

    /** log |det a| by Gaussian elimination with partial pivoting; a is overwritten. */
    private static double logAbsDeterminant(double[][] a) {
        int n = a.length;
        double sum = 0;
        for (int col = 0; col < n; col++) {
            int pivot = col;
            for (int r = col + 1; r < n; r++) {
                if (Math.abs(a[r][col]) > Math.abs(a[pivot][col])) {
                    pivot = r;
                }
            }
            double[] swap = a[col];
            a[col] = a[pivot];
            a[pivot] = swap;
            sum += Math.log(Math.abs(a[col][col]));
            for (int r = col + 1; r < n; r++) {
                double factor = a[r][col] / a[col][col];
                for (int k = col; k < n; k++) {
                    a[r][k] -= factor * a[col][k];
                }
            }
        }
        return sum;
    }

    private record Transformed(double[][] z, double[] logDet) {
    }

    private record Differences(double[][][] jacobians, double[] logDets) {
    }
}
