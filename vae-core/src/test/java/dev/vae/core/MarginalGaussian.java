package dev.vae.core;

import java.util.Random;

/**
 * A multivariate normal N(m, C) in plain double arithmetic, as the exact reference for the bounds of
 * linear-Gaussian models: the marginal N(b, W^T W + s^2 I) of x = zW + b + s e with z and e standard
 * normal, or any mean and covariance.
 */
final class MarginalGaussian {
    private final double[] mean;
    private final double[][] cholesky;

    /**
     * @param mean m, [D]
     * @param covariance C, [D][D], symmetric positive definite
     */
    MarginalGaussian(double[] mean, double[][] covariance) {
        this.mean = mean.clone();
        this.cholesky = cholesky(covariance);
    }

    /**
     * The marginal of x = zW + b + s e.
     *
     * @param w the decoder's weights, [latent][D]
     * @param b the decoder's bias, [D]
     * @param variance s^2
     */
    MarginalGaussian(double[][] w, double[] b, double variance) {
        this(b, plusNoise(transposeTimes(w, identity(w.length), w), variance));
    }

    /** W^T C W for W [L][D] and C [L][L]: the covariance of zW for z of covariance C. */
    static double[][] transposeTimes(double[][] w, double[][] c, double[][] w2) {
        int d = w[0].length;
        double[][] out = new double[d][d];
        for (int i = 0; i < d; i++) {
            for (int j = 0; j < d; j++) {
                for (int k = 0; k < w.length; k++) {
                    for (int l = 0; l < w.length; l++) {
                        out[i][j] += w[k][i] * c[k][l] * w2[l][j];
                    }
                }
            }
        }
        return out;
    }

    static double[][] identity(int n) {
        double[][] eye = new double[n][n];
        for (int i = 0; i < n; i++) {
            eye[i][i] = 1;
        }
        return eye;
    }

    /** C + diag(variances), for one variance or one per dimension. */
    static double[][] plusNoise(double[][] c, double... variances) {
        double[][] out = new double[c.length][];
        for (int i = 0; i < c.length; i++) {
            out[i] = c[i].clone();
            out[i][i] += variances[variances.length == 1 ? 0 : i];
        }
        return out;
    }

    /** Examples drawn from the linear model x = zW + b + s e itself, z first. */
    static double[][] drawFromModel(double[][] w, double[] b, double variance, int count, Random rng) {
        double noise = Math.sqrt(variance);
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

    /** Examples drawn as m + L e, with L L^T = C. */
    double[][] draw(int count, Random rng) {
        int d = mean.length;
        double[][] x = new double[count][d];
        for (double[] example : x) {
            double[] e = new double[d];
            for (int i = 0; i < d; i++) {
                e[i] = rng.nextGaussian();
            }
            for (int i = 0; i < d; i++) {
                example[i] = mean[i];
                for (int j = 0; j <= i; j++) {
                    example[i] += cholesky[i][j] * e[j];
                }
            }
        }
        return x;
    }

    /** log N(x; m, C) through the Cholesky factor L of C: solve L y = x - m. */
    double logDensity(double[] x) {
        int d = mean.length;
        double[] y = new double[d];
        double logDet = 0;
        double quadratic = 0;
        for (int i = 0; i < d; i++) {
            double v = x[i] - mean[i];
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
