package dev.vae.core;

import java.util.Random;

/**
 * The marginal N(b, W^T W + s^2 I) of a linear-Gaussian model x = zW + b + s e, z and e standard
 * normal, in plain double arithmetic, as the exact reference for the bounds.
 */
final class MarginalGaussian {
    private final double[][] w;
    private final double[] b;
    private final double noise;
    private final double[][] cholesky;

    /**
     * @param w the decoder's weights, [latent][D]
     * @param b the decoder's bias, [D]
     * @param variance s^2
     */
    MarginalGaussian(double[][] w, double[] b, double variance) {
        this.w = w;
        this.b = b;
        this.noise = Math.sqrt(variance);
        int d = b.length;
        double[][] covariance = new double[d][d];
        for (int i = 0; i < d; i++) {
            for (int j = 0; j < d; j++) {
                for (double[] row : w) {
                    covariance[i][j] += row[i] * row[j];
                }
            }
            covariance[i][i] += variance;
        }
        this.cholesky = cholesky(covariance);
    }

    /** Examples drawn from the model. */
    double[][] draw(int count, Random rng) {
        double[][] x = new double[count][b.length];
        for (double[] example : x) {
            double[] z = new double[w.length];
            for (int l = 0; l < z.length; l++) {
                z[l] = rng.nextGaussian();
            }
            for (int i = 0; i < b.length; i++) {
                example[i] = b[i] + noise * rng.nextGaussian();
                for (int l = 0; l < z.length; l++) {
                    example[i] += z[l] * w[l][i];
                }
            }
        }
        return x;
    }

    /** log N(x; b, C) through the Cholesky factor L of C: solve L y = x - b. */
    double logDensity(double[] x) {
        int d = b.length;
        double[] y = new double[d];
        double logDet = 0;
        double quadratic = 0;
        for (int i = 0; i < d; i++) {
            double v = x[i] - b[i];
            for (int j = 0; j < i; j++) {
                v -= cholesky[i][j] * y[j];
            }
            y[i] = v / cholesky[i][i];
            quadratic += y[i] * y[i];
            logDet += 2 * Math.log(cholesky[i][i]);
        }
        return -0.5 * (d * Math.log(2 * Math.PI) + logDet + quadratic);
    }

    private static double[][] cholesky(double[][] a) {
        int d = a.length;
        double[][] l = new double[d][d];
        for (int i = 0; i < d; i++) {
            for (int j = 0; j <= i; j++) {
                double sum = a[i][j];
                for (int k = 0; k < j; k++) {
                    sum -= l[i][k] * l[j][k];
                }
                l[i][j] = i == j ? Math.sqrt(sum) : sum / l[j][j];
            }
        }
        return l;
    }
}
