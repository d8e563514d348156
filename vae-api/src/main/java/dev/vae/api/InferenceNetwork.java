package dev.vae.api;

import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.rng.Random;

/**
 * The model's own inference network, the encoder network followed by the family q(z|x), offered to a
 * prior whose density is built from it, such as the VampPrior's mixture of q(z|u_k) over learned
 * pseudo-inputs u_k (Tomczak and Welling 2018). The framework implements it; a prior receives it in
 * {@link dev.vae.api.spi.Prior#logDensity(WeightScope, SDVariable, LatentLayout, java.util.Optional, InferenceNetwork)}
 * and {@link dev.vae.api.spi.Prior#sample(INDArray, LatentLayout, WeightValues, InferenceNetwork, Random)}.
 *
 * <p>Both forms use the family's q(z|x) before any flow: a flow transforms the training draws, but a
 * prior built from the inference network is the mixture of the family's densities, whose codes the
 * flows do not see.
 */
public interface InferenceNetwork {

    /** The shape of one example as the encoder reads it, which a pseudo-input must have. */
    FeatureShape dataShape();

    /**
     * Adds to the graph log q(z_n | x_m) of every code under every input, through the encoder network
     * with the encoder's own weights (shared with the model's encoder, and trained through this use
     * too unless the framework freezes them here) and the family's density.
     *
     * @param x shape [M, dataShape().size()], in the graph the prior builds into
     * @param z shape [N, codeWidth]
     * @return shape [N, M]
     * @throws IllegalArgumentException if the family has no density of given codes
     */
    SDVariable logPosterior(SDVariable x, SDVariable z);

    /**
     * One code per row of {@code x}, drawn from the family's q(z|x) with the current weights, outside
     * any graph.
     *
     * @param x shape [N, dataShape().size()]
     * @param rng the only source of randomness
     * @return shape [N, codeWidth]
     */
    INDArray draw(INDArray x, Random rng);
}
