package dev.vae.api.spi;

import dev.vae.api.ValueRange;
import dev.vae.api.WeightScope;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The observation model p(x|z): turns the decoder's outputs into a distribution over x.
 *
 * <p>The decoder emits {@link #outputsPerDimension()} columns per data dimension, laid out in
 * blocks: columns {@code [j*D, (j+1)*D)} hold the j-th output of every dimension. N below is the
 * number of rows, which is K samples times B examples during training.
 */
public interface Likelihood extends Plugin<Likelihood> {

    /** How many decoder outputs describe one data dimension: 1 for Bernoulli logits. */
    int outputsPerDimension();

    /**
     * log p(x|z) summed over data dimensions, in nats; differentiable in {@code decoderOut}.
     *
     * @param sd the graph to add operations to
     * @param x observations, shape [N, D]
     * @param decoderOut decoder outputs, shape [N, D * outputsPerDimension()]
     * @param dimension D, which the graph's shapes may not state before it runs
     * @return shape [N]
     */
    SDVariable logProb(SameDiff sd, SDVariable x, SDVariable decoderOut, int dimension);

    /**
     * {@link #logProb(SameDiff, SDVariable, SDVariable, int)} for a likelihood that owns weights,
     * such as a learned noise scale: it declares them in {@code weights}, which the framework then
     * trains and saves. The framework calls this; by default it declares nothing.
     */
    default SDVariable logProb(WeightScope weights, SDVariable x, SDVariable decoderOut, int dimension) {
        return logProb(weights.sameDiff(), x, decoderOut, dimension);
    }

    /**
     * E[x|z], which reconstructions and pictures show.
     *
     * @param decoderOut shape [N, D * outputsPerDimension()]
     * @return a new array of shape [N, D]
     */
    INDArray mean(INDArray decoderOut);

    /** The values data must take for this likelihood, checked before training; all reals by default. */
    default ValueRange support() {
        return ValueRange.REALS;
    }
}
