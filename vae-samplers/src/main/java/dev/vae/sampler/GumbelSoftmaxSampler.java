package dev.vae.sampler;

import dev.vae.api.LatentLayout;
import dev.vae.api.ParamSpec;
import dev.vae.api.ParamValues;
import dev.vae.api.Posterior;
import dev.vae.api.PosteriorDraw;
import dev.vae.api.Relaxation;
import dev.vae.api.WeightScope;
import dev.vae.api.spi.NoiseSampler;
import dev.vae.api.support.Densities;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.random.impl.UniformDistribution;
import org.nd4j.linalg.api.rng.Random;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * Discrete latents through the Gumbel-softmax, or Concrete, relaxation (Jang et al. 2017; Maddison
 * et al. 2017). The latent dimension is the number N of categorical variables, each with C
 * categories; the encoder gives C logits per variable, eps is standard Gumbel noise
 * g = -log(-log u), and the code is the relaxed one-hot vector y = softmax((log pi + g) / tau).
 * Its prior is {@code uniform-categorical}.
 *
 * <p>log q is the Concrete density of the relaxed sample, for divergences that work from importance
 * weights. The temperature starts at
 * {@code temperature} and anneals per epoch as max(min_temperature, temperature exp(-anneal_rate (epoch - 1))).
 */
public final class GumbelSoftmaxSampler implements NoiseSampler {
    /** The placeholder through which the trainer feeds the current temperature. */
    static final String TEMPERATURE = "gumbel_softmax.temperature";
    private static final List<ParamSpec> PARAMETERS = List.of(
            ParamSpec.integer("categories", "categories C of each latent variable", 10, 2, 1000),
            ParamSpec.real("temperature", "relaxation temperature tau at the first epoch", 1.0, 0.01, 100),
            ParamSpec.real("anneal_rate", "per-epoch exponential decay of the temperature", 0.0, 0, 10),
            ParamSpec.real("min_temperature", "the temperature never anneals below this", 0.5, 0.01, 100));

    private final int categories;
    private final double temperature;
    private final double annealRate;
    private final double minTemperature;

    /** Ten categories at temperature 1, no annealing. */
    public GumbelSoftmaxSampler() {
        this(10, 1.0, 0.0, 0.5);
    }

    private GumbelSoftmaxSampler(int categories, double temperature, double annealRate, double minTemperature) {
        this.categories = categories;
        this.temperature = temperature;
        this.annealRate = annealRate;
        this.minTemperature = minTemperature;
    }

    @Override
    public String name() {
        return "gumbel";
    }

    @Override
    public String description() {
        return "categorical latents relaxed by Gumbel-softmax (Concrete), uniform prior, annealed temperature";
    }

    @Override
    public List<ParamSpec> parameters() {
        return PARAMETERS;
    }

    @Override
    public NoiseSampler configure(ParamValues values) {
        return new GumbelSoftmaxSampler(values.integer("categories"), values.real("temperature"),
                values.real("anneal_rate"), values.real("min_temperature"));
    }

    @Override
    public LatentLayout layout(int latentDim) {
        int width = latentDim * categories;
        return new LatentLayout(width, width, width, categories);
    }

    @Override
    public String defaultPrior() {
        return "uniform-categorical";
    }

    @Override
    public Map<String, Double> schedule(int epoch) {
        return Map.of(TEMPERATURE, Math.max(minTemperature, temperature * Math.exp(-annealRate * (epoch - 1))));
    }

    @Override
    public void sampleNoise(INDArray eps, Random rng) {
        Nd4j.getExecutioner().exec(new UniformDistribution(eps, 1e-10, 1.0), rng);
        Transforms.log(Transforms.log(eps, false).negi(), false).negi();
    }

    /**
     * Works on [rows, C] matrices, one row per (sample, example, variable), K-major like eps: ND4J's
     * reduction gradients fail on the rank-4 layout [K, B, N, C].
     */
    @Override
    public PosteriorDraw reparameterize(WeightScope weights, SDVariable encoderOut, SDVariable eps, int latentDim) {
        SameDiff sd = weights.sameDiff();
        long k = eps.getShape()[0];
        SDVariable tau = sd.placeHolder(TEMPERATURE, encoderOut.dataType());
        SDVariable logPi = Densities.logSoftmax(sd, encoderOut.reshape(-1, categories));
        SDVariable logPiPerSample = k == 1 ? logPi : sd.tile(logPi, (int) k, 1);
        SDVariable logY = Densities.logSoftmax(sd, eps.reshape(-1, categories).add(logPiPerSample).div(tau));
        SDVariable logZ = logY.reshape(k, -1, (long) latentDim * categories);
        SDVariable z = sd.math.exp(logZ);
        SDVariable logPosterior = Densities.concrete(sd, logPiPerSample, logY, tau, categories)
                .reshape(k, -1, latentDim).sum(2);
        return new PosteriorDraw(z, logPosterior, Optional.of(new Relaxation(categories, tau, logZ)));
    }

    @Override
    public Posterior posterior(INDArray encoderOut, int latentDim) {
        INDArray logits = encoderOut.reshape(encoderOut.rows(), latentDim, categories);
        INDArray pi = Nd4j.exec(new org.nd4j.linalg.api.ops.impl.transforms.custom.SoftMax(logits, 2))[0]
                .reshape(encoderOut.rows(), (long) latentDim * categories);
        return new Posterior(pi, pi.mul(pi.rsub(1)));
    }
}
