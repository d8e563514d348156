package dev.vae.testkit;

import dev.vae.api.spi.NoiseSampler;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * A sampler's noise has the mean and variance of p(eps): every noise column of
 * {@link NoiseSampler#sampleNoise} is checked against the expected values within a number of
 * standard errors of its sample size. The standard error of the sample variance is
 * sqrt((m4 − m2²) / n), from the sample's own central moments, so heavy tails widen it as they should.
 *
 * <pre>
 * NoiseMoments.of(new LaplaceSampler()).draws(100_000).seed(4).assertMoments(0, 2);
 * </pre>
 */
public final class NoiseMoments {
    private final NoiseSampler sampler;
    private int latentDim = 1;
    private int draws = 100_000;
    private long seed = 1;
    private double standardErrors = 5;

    private NoiseMoments(NoiseSampler sampler) {
        this.sampler = sampler;
    }

    public static NoiseMoments of(NoiseSampler sampler) {
        return new NoiseMoments(sampler);
    }

    /** The latent variables whose noise is drawn; 1 by default. */
    public NoiseMoments latentDim(int latentDim) {
        this.latentDim = latentDim;
        return this;
    }

    /** Draws per noise column; 100,000 by default. */
    public NoiseMoments draws(int draws) {
        this.draws = draws;
        return this;
    }

    /** The seed of the random stream; 1 by default. */
    public NoiseMoments seed(long seed) {
        this.seed = seed;
        return this;
    }

    /** How many standard errors a moment may miss by; 5 by default, a false alarm in about 2 million. */
    public NoiseMoments standardErrors(double standardErrors) {
        this.standardErrors = standardErrors;
        return this;
    }

    /** Checks the mean and the variance of every noise column. */
    public void assertMoments(double mean, double variance) {
        int width = sampler.layout(latentDim).noiseWidth();
        INDArray eps = Nd4j.create(DataType.DOUBLE, draws, 1, width);
        sampler.sampleNoise(eps, Nd4j.getRandomFactory().getNewRandomInstance(seed));
        double[][] columns = eps.reshape(draws, width).transpose().toDoubleMatrix();
        for (int j = 0; j < width; j++) {
            assertColumn(j, columns[j], mean, variance);
        }
    }

    private void assertColumn(int column, double[] x, double mean, double variance) {
        SampleMoments m = SampleMoments.of(x);
        check(column, "mean", m.mean(), mean, standardErrors * m.meanError());
        check(column, "variance", m.variance(), variance, standardErrors * m.varianceError());
    }

    private void check(int column, String moment, double measured, double expected, double tolerance) {
        if (!(Math.abs(measured - expected) <= tolerance)) {
            throw new AssertionError("sampler " + sampler.name() + ", noise column " + column + " of " + draws
                    + " draws (seed " + seed + "): " + moment + " " + measured + ", expected " + expected + " ± "
                    + tolerance + " (" + standardErrors + " standard errors)");
        }
    }
}
