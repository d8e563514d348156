package dev.vae.api.spi;

import dev.vae.api.LatentLayout;
import dev.vae.api.Posterior;
import dev.vae.api.PosteriorDraw;
import dev.vae.api.WeightScope;
import java.util.Map;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.rng.Random;

/**
 * The variational family q(z|x), written as a reparameterization: all randomness enters as noise
 * eps ~ p(eps), drawn outside the graph and fed to it, and z = g(encoder output, eps) is
 * deterministic. A fixed eps therefore gives a reproducible, differentiable forward pass. The prior
 * is a {@link Prior} of its own, and a closed-form KL between the two a {@link ClosedFormKl}.
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
     * Adds z = g(encoder output, eps) and log q(z|x) to the graph.
     *
     * @param weights where a family that owns weights declares them; most declare none
     * @param encoderOut shape [B, encoderWidth]
     * @param eps shape [K, B, noiseWidth]
     * @param latentDim the number of latent variables
     */
    PosteriorDraw reparameterize(WeightScope weights, SDVariable encoderOut, SDVariable eps, int latentDim);

    /**
     * The mean and variance of q(z|x) from encoder outputs.
     *
     * @param encoderOut shape [B, encoderWidth]
     */
    Posterior posterior(INDArray encoderOut, int latentDim);

    /**
     * Adds to the graph the family's log-density of every code under every row of parameters,
     * summed over the code: what a prior built from the encoder, such as the VampPrior, needs.
     *
     * @param z shape [N, codeWidth]
     * @param encoderOut shape [M, encoderWidth], the family's parameters of M inputs
     * @return log q(z_n | encoderOut_m), shape [N, M]
     * @throws UnsupportedOperationException by default, for a family that offers no such density
     */
    default SDVariable logDensity(SameDiff sd, SDVariable z, SDVariable encoderOut, int latentDim) {
        throw new UnsupportedOperationException("sampler " + name() + " offers no density of given codes");
    }

    /**
     * Whether {@link #reparameterize} gives log q(z|x). An implicit family, whose draws z = g(x, eps)
     * have no density, says false and gives zeros in its place; the framework then trains it only with
     * a divergence that does not read the density ({@link Divergence#needsPosteriorDensity()}), and
     * estimates log p(x) with a Gaussian proposal fitted to its draws.
     */
    default boolean hasDensity() {
        return true;
    }

    /** The {@link Prior} a model of this family uses when none is chosen: {@code standard-normal} by default. */
    default String defaultPrior() {
        return "standard-normal";
    }

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
