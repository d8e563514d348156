package dev.vae.api.spi;

import dev.vae.api.LogWeights;
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
     * The scalar to minimize. By default the negated bound averaged over the batch; a divergence whose
     * gradient estimator differs from the bound's own gradient (an upper bound, say) overrides it.
     */
    default SDVariable loss(SameDiff sd, LogWeights weights) {
        return bound(sd, weights).mean().neg();
    }
}
