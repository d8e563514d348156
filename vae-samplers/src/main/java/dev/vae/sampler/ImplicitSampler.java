package dev.vae.sampler;

import dev.vae.api.Initializer;
import dev.vae.api.LatentLayout;
import dev.vae.api.ParamSpec;
import dev.vae.api.ParamValues;
import dev.vae.api.Posterior;
import dev.vae.api.PosteriorDraw;
import dev.vae.api.WeightScope;
import dev.vae.api.spi.NoiseSampler;
import dev.vae.api.support.Dense;
import java.util.List;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.random.impl.GaussianDistribution;
import org.nd4j.linalg.api.rng.Random;
import org.nd4j.linalg.factory.Nd4j;

/**
 * An implicit q(z|x): z = g(h(x), eps), the encoder's features h(x) and standard normal noise eps
 * concatenated and passed through a ReLU layer of the family's own (Mescheder, Nowozin and Geiger
 * 2017, whose encoder takes the noise as an input), so that q can take any shape, skewed or with
 * several modes, but has no density. It trains only with a divergence that does not read log q(z|x),
 * {@code avb}. Its weights are {@code g0.Wh}, {@code g0.We}, {@code g0.b}, {@code g1.W}, {@code g1.b}.
 */
public final class ImplicitSampler implements NoiseSampler {
    private static final List<ParamSpec> PARAMETERS = List.of(
            ParamSpec.integer("features", "columns of the encoder's output that the noise is joined to", 64, 1, 4096),
            ParamSpec.integer("noise", "columns of standard normal noise per draw", 16, 1, 4096),
            ParamSpec.integer("hidden", "width of the ReLU layer that joins features and noise", 256, 1, 4096));

    private final int features;
    private final int noise;
    private final int hidden;

    /** 64 features, 16 columns of noise, a hidden layer of 256. */
    public ImplicitSampler() {
        this(64, 16, 256);
    }

    private ImplicitSampler(int features, int noise, int hidden) {
        this.features = features;
        this.noise = noise;
        this.hidden = hidden;
    }

    @Override
    public String name() {
        return "implicit";
    }

    @Override
    public String description() {
        return "implicit q(z|x): z = g(h(x), eps) through a network of its own, no density (train with avb)";
    }

    @Override
    public List<ParamSpec> parameters() {
        return PARAMETERS;
    }

    @Override
    public NoiseSampler configure(ParamValues values) {
        return new ImplicitSampler(values.integer("features"), values.integer("noise"), values.integer("hidden"));
    }

    @Override
    public LatentLayout layout(int latentDim) {
        return new LatentLayout(features, noise, latentDim);
    }

    @Override
    public void sampleNoise(INDArray eps, Random rng) {
        Nd4j.getExecutioner().exec(new GaussianDistribution(eps, 0.0, 1.0), rng);
    }

    @Override
    public PosteriorDraw reparameterize(WeightScope weights, SDVariable encoderOut, SDVariable eps, int latentDim) {
        SameDiff sd = weights.sameDiff();
        int samples = samples(eps);
        // [h, eps] W = h Wh + eps We: each example's features enter once, tiled over its K draws.
        Initializer init = Initializer.fanInUniform(features + noise);
        SDVariable fromFeatures = encoderOut.mmul(weights.declare("g0.Wh", new long[] {features, hidden}, init));
        SDVariable fromNoise = eps.reshape(-1, noise).mmul(weights.declare("g0.We", new long[] {noise, hidden}, init));
        SDVariable shared = samples == 1 ? fromFeatures : sd.tile(fromFeatures, samples, 1);
        SDVariable h = sd.nn.relu(shared.add(fromNoise).add(weights.declare("g0.b", new long[] {hidden}, init)), 0);
        SDVariable z = Dense.of(weights, "g1", h, hidden, latentDim);
        return PosteriorDraw.implicit(z.reshape(samples, -1, latentDim));
    }

    /** K, from the shape of the noise placeholder [K, B, noise], which the graph fixes. */
    private static int samples(SDVariable eps) {
        long[] shape = eps.getShape();
        if (shape == null || shape.length != 3 || shape[0] < 1) {
            throw new IllegalArgumentException("sampler implicit needs noise of a fixed number of samples, [K, B, noise]; "
                    + "it draws for one latent layer only");
        }
        return Math.toIntExact(shape[0]);
    }

    @Override
    public boolean hasDensity() {
        return false;
    }

    /** Refused: an implicit family has neither a closed-form mean nor variance; the framework averages draws instead. */
    @Override
    public Posterior posterior(INDArray encoderOut, int latentDim) {
        throw new UnsupportedOperationException("sampler implicit has no closed-form posterior; average its draws");
    }
}
