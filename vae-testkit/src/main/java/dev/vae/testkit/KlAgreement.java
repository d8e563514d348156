package dev.vae.testkit;

import dev.vae.api.LatentLayout;
import dev.vae.api.LatentSample;
import dev.vae.api.spi.NoiseSampler;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * A sampler's analytic KL(q(z|x) || p(z)) agrees with its Monte Carlo estimate mean(log q − log p)
 * over many reparameterized draws, within a number of standard errors of that mean. The graph is fed
 * the sampler's schedule of epoch 1. Only for samplers whose {@code logPosterior} and
 * {@code logPrior} are the densities the analytic KL is of (not Gumbel-softmax, whose KL is that of
 * the discrete variables).
 *
 * <pre>
 * double kl = KlAgreement.of(new NormalSampler()).latentDim(2).assertAgrees(1.5, -2.0, Math.log(0.25), Math.log(4));
 * </pre>
 */
public final class KlAgreement {
    /** Examples the encoder output is repeated for: one example of one variable is a degenerate shape for ND4J. */
    private static final int EXAMPLES = 2;

    private final NoiseSampler sampler;
    private int latentDim = 1;
    private int draws = 100_000;
    private long seed = 1;
    private double standardErrors = 5;

    private KlAgreement(NoiseSampler sampler) {
        this.sampler = sampler;
    }

    public static KlAgreement of(NoiseSampler sampler) {
        return new KlAgreement(sampler);
    }

    /** The latent variables; 1 by default. */
    public KlAgreement latentDim(int latentDim) {
        this.latentDim = latentDim;
        return this;
    }

    /** Draws of z in the Monte Carlo mean; 100,000 by default. */
    public KlAgreement draws(int draws) {
        this.draws = draws;
        return this;
    }

    /** The seed of the noise; 1 by default. */
    public KlAgreement seed(long seed) {
        this.seed = seed;
        return this;
    }

    /** How many standard errors the estimate may miss by; 5 by default. */
    public KlAgreement standardErrors(double standardErrors) {
        this.standardErrors = standardErrors;
        return this;
    }

    /**
     * Checks the analytic KL of q(z|x) for one example's encoder output against the Monte Carlo estimate.
     *
     * @param encoderOut one row of {@code layout(latentDim).encoderWidth()} values
     * @return the analytic KL, for comparing with a closed form
     */
    public double assertAgrees(double... encoderOut) {
        LatentLayout layout = sampler.layout(latentDim);
        if (encoderOut.length != layout.encoderWidth()) {
            throw new IllegalArgumentException("sampler " + sampler.name() + " takes " + layout.encoderWidth()
                    + " encoder outputs for " + latentDim + " latent variables, got " + encoderOut.length);
        }
        int k = Math.max(1, draws / EXAMPLES);
        INDArray eps = Nd4j.create(DataType.DOUBLE, k, EXAMPLES, layout.noiseWidth());
        sampler.sampleNoise(eps, Nd4j.getRandomFactory().getNewRandomInstance(seed));
        double[][] rows = new double[EXAMPLES][];
        Arrays.fill(rows, encoderOut);
        SameDiff sd = SameDiff.create();
        LatentSample s = sampler.reparameterize(sd, sd.constant("encoderOut", Nd4j.createFromArray(rows)),
                sd.constant("eps", eps), latentDim);
        SDVariable kl = s.analyticKl().orElseThrow(() -> new AssertionError("sampler " + sampler.name()
                + " has no analytic KL"));
        SDVariable ratio = s.logPosterior().sub(s.logPrior());
        Map<String, INDArray> out = sd.output(schedule(), kl.name(), ratio.name());
        double analytic = out.get(kl.name()).getDouble(0);
        INDArray logRatio = out.get(ratio.name()).reshape(-1);
        double estimate = logRatio.meanNumber().doubleValue();
        double tolerance = standardErrors * logRatio.stdNumber().doubleValue() / Math.sqrt(logRatio.length());
        if (!(Math.abs(analytic - estimate) <= tolerance)) {
            throw new AssertionError("sampler " + sampler.name() + ", encoder output " + Arrays.toString(encoderOut)
                    + ": analytic KL " + analytic + " but mean(log q - log p) over " + logRatio.length()
                    + " draws (seed " + seed + ") is " + estimate + " ± " + tolerance + " (" + standardErrors
                    + " standard errors)");
        }
        return analytic;
    }

    private Map<String, INDArray> schedule() {
        Map<String, INDArray> feed = new HashMap<>();
        sampler.schedule(1).forEach((name, value) -> feed.put(name, Nd4j.scalar(DataType.DOUBLE, value)));
        return feed;
    }
}
