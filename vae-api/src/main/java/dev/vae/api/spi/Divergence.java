package dev.vae.api.spi;

import dev.vae.api.LogWeights;
import dev.vae.api.Objective;
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

    /**
     * The loss that trains the weights this divergence owns apart from the model, such as a
     * discriminator's, with an optimizer state of its own. Where there is one, the framework builds
     * it first, declaring the weights live and giving it the draws with their gradients stopped; then
     * {@link #bound(WeightScope, LogWeights)} and {@link #loss(WeightScope, LogWeights)} see the same
     * weights frozen. Each set of weights thus descends its own loss. Empty, the default, trains the
     * divergence's weights, if any, with the model's loss.
     *
     * @param weights where the divergence declares the weights this loss trains
     * @param terms the draws, with gradients stopped before the model's weights
     */
    default Optional<Objective> ownObjective(WeightScope weights, LogWeights terms) {
        return Optional.empty();
    }

    /**
     * Whether the divergence reads log q(z|x). One that estimates the KL term otherwise, with a
     * discriminator, say, says false, and then also trains a family whose draws have no density
     * ({@link NoiseSampler#hasDensity()}).
     */
    default boolean needsPosteriorDensity() {
        return true;
    }

    /**
     * Whether the divergence contrasts the codes with draws from the prior: if so, the framework
     * draws as many codes from the prior as q draws, for each batch, and gives both, each beside its
     * example, as {@link LogWeights#pairs()}.
     */
    default boolean needsCodePairs() {
        return false;
    }
}
