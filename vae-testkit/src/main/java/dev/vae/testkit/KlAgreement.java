package dev.vae.testkit;

import dev.vae.api.LatentLayout;
import dev.vae.api.PosteriorDraw;
import dev.vae.api.spi.ClosedFormKl;
import dev.vae.api.spi.NoiseSampler;
import dev.vae.api.spi.Prior;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * A closed-form KL(q(z|x) || p(z)) agrees with the Monte Carlo estimate mean(log q − log p) over
 * many reparameterized draws of the family, scored by the prior, within a number of standard errors of
 * that mean. The graph is fed the family's schedule of epoch 1. Only for pairs whose densities are
 * those the KL is of (not Gumbel-softmax, whose KL is that of the discrete variables).
 *
 * <pre>
 * double kl = KlAgreement.of(new NormalStandardNormalKl(), new NormalSampler(), InstalledPlugin.of(Prior.class, "standard-normal"))
 *         .latentDim(2).assertAgrees(1.5, -2.0, Math.log(0.25), Math.log(4));
 * </pre>
 */
public final class KlAgreement {
    /** Examples the encoder output is repeated for: one example of one variable is a degenerate shape for ND4J. */
    private static final int EXAMPLES = 2;

    private final ClosedFormKl closedForm;
    private final NoiseSampler sampler;
    private final Prior prior;
    private int latentDim = 1;
    private int draws = 100_000;
    private long seed = 1;
    private double standardErrors = 5;

    private KlAgreement(ClosedFormKl closedForm, NoiseSampler sampler, Prior prior) {
        this.closedForm = closedForm;
        this.sampler = sampler;
        this.prior = prior;
    }

    /** The check of {@code closedForm} for this family and prior, which must be the pair it names. */
    public static KlAgreement of(ClosedFormKl closedForm, NoiseSampler sampler, Prior prior) {
        if (!closedForm.family().equals(sampler.name()) || !closedForm.prior().equals(prior.name())) {
            throw new IllegalArgumentException("the KL is for " + closedForm.family() + " and " + closedForm.prior()
                    + ", not " + sampler.name() + " and " + prior.name());
        }
        return new KlAgreement(closedForm, sampler, prior);
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
        TestWeights weights = TestWeights.in(sd, seed);
        SDVariable encoded = sd.constant("encoderOut", Nd4j.createFromArray(rows));
        PosteriorDraw draw = sampler.reparameterize(weights, encoded, sd.constant("eps", eps), latentDim);
        SDVariable kl = closedForm.kl(sd, encoded, layout, latentDim);
        SDVariable logPrior = prior.logDensity(weights, draw.z().reshape(-1, layout.codeWidth()), layout,
                draw.relaxation()).reshape(k, EXAMPLES);
        SDVariable ratio = draw.logPosterior().sub(logPrior);
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
