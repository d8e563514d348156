package dev.vae.api.spi;

import dev.vae.api.LatentLayout;
import dev.vae.api.LatentSample;
import dev.vae.api.Posterior;
import dev.vae.api.WeightScope;
import java.util.Map;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.rng.Random;

/**
 * The variational family q(z|x) and its prior, written as a reparameterization: all randomness
 * enters as noise eps ~ p(eps), drawn outside the graph and fed to it, and z = g(encoder output, eps)
 * is deterministic. A fixed eps therefore gives a reproducible, differentiable forward pass.
 */
public interface NoiseSampler extends Plugin<NoiseSampler> {

    /**
     * The widths of encoder output, noise and code for this many latent variables.
     *
     * @param latentDim the number of latent variables, at least 1
     */
    LatentLayout layout(int latentDim);

    /**
     * Fills {@code eps} with independent draws from p(eps).
     *
     * @param eps shape [K, B, noiseWidth], overwritten
     * @param rng the only source of randomness, so that a seed fixes the draws
     */
    void sampleNoise(INDArray eps, Random rng);

    /**
     * Adds z = g(encoder output, eps) and its densities to the graph.
     *
     * @param encoderOut shape [B, encoderWidth]
     * @param eps shape [K, B, noiseWidth]
     * @param latentDim the number of latent variables
     */
    LatentSample reparameterize(SameDiff sd, SDVariable encoderOut, SDVariable eps, int latentDim);

    /**
     * {@link #reparameterize(SameDiff, SDVariable, SDVariable, int)} for a sampler that owns weights,
     * such as a learned prior: it declares them in {@code weights}, which the framework then trains
     * and saves. The framework calls this; by default it declares nothing.
     */
    default LatentSample reparameterize(WeightScope weights, SDVariable encoderOut, SDVariable eps, int latentDim) {
        return reparameterize(weights.sameDiff(), encoderOut, eps, latentDim);
    }

    /**
     * The mean and variance of q(z|x) from encoder outputs.
     *
     * @param encoderOut shape [B, encoderWidth]
     */
    Posterior posterior(INDArray encoderOut, int latentDim);

    /**
     * Fills {@code z} with codes drawn from the prior p(z), for generating new data.
     *
     * @param z shape [N, codeWidth], overwritten
     */
    void samplePrior(INDArray z, Random rng);

    /**
     * Scalars that change during training, such as an annealed temperature, by placeholder name. The
     * sampler declares each as a scalar placeholder in {@link #reparameterize}; the trainer feeds the
     * values of the current epoch, and after training those of the last epoch.
     *
     * @param epoch from 1
     * @return values by placeholder name; empty, the default, for none
     */
    default Map<String, Double> schedule(int epoch) {
        return Map.of();
    }
}
