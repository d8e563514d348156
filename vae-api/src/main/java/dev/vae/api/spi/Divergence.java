package dev.vae.api.spi;

import dev.vae.api.LogWeights;
import dev.vae.api.WeightScope;
import java.util.Optional;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;

/**
 * How the log-weights of K samples per example become a bound on log p(x), and the loss that
 * training minimizes.
 */
public interface Divergence extends Plugin<Divergence> {

    /**
     * The bound this divergence estimates, per example, in nats.
     *
     * @param weights log-weight terms of shape [K, B]
     * @return shape [B]
     */
    SDVariable bound(SameDiff sd, LogWeights weights);

    /**
     * The scalar that training minimizes. By default the negated bound averaged over the batch; a
     * divergence whose gradient estimator differs from the bound's own gradient (an upper bound, say)
     * overrides it. It must be a mean over the batch's examples of a term of each example alone: a
     * training step may split its batch over threads and weight the parts' gradients by their sizes.
     */
    default SDVariable loss(SameDiff sd, LogWeights weights) {
        return bound(sd, weights).mean().neg();
    }

    /**
     * {@link #bound(SameDiff, LogWeights)} for a divergence that owns weights, such as a learned
     * baseline or a discriminator: it declares them in {@code weights}, which the framework then
     * trains and saves. The framework calls this; by default it declares nothing.
     */
    default SDVariable bound(WeightScope weights, LogWeights terms) {
        return bound(weights.sameDiff(), terms);
    }

    /**
     * {@link #loss(SameDiff, LogWeights)} for a divergence that owns weights; declaring a name that
     * {@link #bound(WeightScope, LogWeights)} declared gives the same weight. The framework calls
     * this; by default it declares nothing.
     */
    default SDVariable loss(WeightScope weights, LogWeights terms) {
        return loss(weights.sameDiff(), terms);
    }

    /**
     * The divergence whose {@link #loss} trains the decoder, where it is not this one; the encoder
     * then minimizes this divergence's loss alone. Empty, the default, trains both with this loss.
     * An upper bound needs this: lowering it by moving the decoder would lower the model's
     * likelihood, so the generative model follows a lower bound instead.
     */
    default Optional<Divergence> decoderObjective() {
        return Optional.empty();
    }
}
