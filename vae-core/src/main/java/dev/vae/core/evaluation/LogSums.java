package dev.vae.core.evaluation;

import java.util.Arrays;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Per example, log sum_n w_n and log sum_n w_n^2 of its log-weights, kept as a running maximum and
 * a sum of exponentials shifted by it, in doubles: a block of log-weights folds in without one array
 * allocated per step, and the fold's order alone fixes the result.
 */
final class LogSums {
    private final double[] max;
    private final double[] sum;
    private final double[] maxSquares;
    private final double[] sumSquares;

    /** Sums of nothing, log 0, for {@code rows} examples. */
    LogSums(int rows) {
        max = new double[rows];
        sum = new double[rows];
        maxSquares = new double[rows];
        sumSquares = new double[rows];
        Arrays.fill(max, Double.NEGATIVE_INFINITY);
        Arrays.fill(maxSquares, Double.NEGATIVE_INFINITY);
    }

    /** The sums over the first {@code used} samples of log-weights [samples, rows], sample-major. */
    static LogSums of(INDArray logWeights, int used) {
        int rows = (int) logWeights.size(1);
        double[] values = contiguous(logWeights).data().asDouble();
        LogSums sums = new LogSums(rows);
        for (int r = 0; r < rows; r++) {
            double m = Double.NEGATIVE_INFINITY;
            for (int s = 0; s < used; s++) {
                m = Math.max(m, values[s * rows + r]);
            }
            double e = 0;
            double e2 = 0;
            for (int s = 0; s < used; s++) {
                double v = values[s * rows + r];
                e += Math.exp(v - m);
                e2 += Math.exp(2 * (v - m));
            }
            sums.set(r, m, e, e2);
        }
        return sums;
    }

    private static INDArray contiguous(INDArray a) {
        boolean plain = !a.isView() && a.ordering() == 'c' && a.data().length() == a.length();
        return plain ? a : a.dup('c');
    }

    /** Shift of all-(-infinity) log-weights: their sum of exponentials is 0, not NaN. */
    private void set(int row, double m, double e, double e2) {
        boolean none = m == Double.NEGATIVE_INFINITY;
        max[row] = m;
        sum[row] = none ? 0 : e;
        maxSquares[row] = 2 * m;
        sumSquares[row] = none ? 0 : e2;
    }

    /** Adds {@code part}'s sums into rows {@code offset} on. */
    void fold(LogSums part, int offset) {
        for (int r = 0; r < part.max.length; r++) {
            int row = offset + r;
            double m = Math.max(max[row], part.max[r]);
            sum[row] = shifted(sum[row], max[row], m) + shifted(part.sum[r], part.max[r], m);
            max[row] = m;
            double m2 = Math.max(maxSquares[row], part.maxSquares[r]);
            sumSquares[row] = shifted(sumSquares[row], maxSquares[row], m2) + shifted(part.sumSquares[r], part.maxSquares[r], m2);
            maxSquares[row] = m2;
        }
    }

    /** {@code sum} of exponentials shifted by {@code from}, shifted by {@code to} >= from instead. */
    private static double shifted(double sum, double from, double to) {
        return sum == 0 ? 0 : sum * Math.exp(from - to);
    }

    /** log sum_n w_n of example {@code row}. */
    double logSum(int row) {
        return max[row] + Math.log(sum[row]);
    }

    /** log sum_n w_n^2 of example {@code row}. */
    double logSumSquares(int row) {
        return maxSquares[row] + Math.log(sumSquares[row]);
    }

    int rows() {
        return max.length;
    }
}
