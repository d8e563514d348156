package dev.vae.testkit;

import java.util.Arrays;

/**
 * The mean and the unbiased variance of a sample, each with its standard error: the variance's from
 * the sample's fourth central moment, so that the check holds for heavy-tailed distributions too.
 *
 * @param mean the sample mean
 * @param variance the unbiased sample variance
 * @param meanError the standard error of the mean
 * @param varianceError the standard error of the variance
 */
record SampleMoments(double mean, double variance, double meanError, double varianceError) {

    /** The moments of {@code x}, at least two values. */
    static SampleMoments of(double[] x) {
        int n = x.length;
        double mean = Arrays.stream(x).sum() / n;
        double m2 = 0;
        double m4 = 0;
        for (double v : x) {
            double d = (v - mean) * (v - mean);
            m2 += d;
            m4 += d * d;
        }
        m2 /= n;
        m4 /= n;
        return new SampleMoments(mean, m2 * n / (n - 1), Math.sqrt(m2 / n), Math.sqrt((m4 - m2 * m2) / n));
    }
}
