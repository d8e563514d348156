package dev.vae.core;

/**
 * A model's figures on a set of examples, each a mean per example in nats, from
 * {@link TrainedVae#evaluate}. For a good estimate, -{@code chiUpperBound} &le; -log p(x) &le;
 * {@code negativeLogLikelihood} &le; {@code nelbo}, the middle one tightening as the samples grow.
 *
 * @param examples how many examples the means are over
 * @param nelbo the negative ELBO, with the model's K draws per example
 * @param nelboEstimate how the NELBO was estimated
 * @param negativeLogLikelihood -log p(x), importance-sampled with {@code samples} draws per example
 * @param samples the importance-sampling draws per example
 * @param proposal what the importance-sampling draws come from
 * @param chiUpperBound the estimate of CUBO_2 &ge; log p(x) from the same draws (biased low for few
 *     samples)
 */
public record Evaluation(long examples, double nelbo, NelboEstimate nelboEstimate, double negativeLogLikelihood,
                         int samples, Proposal proposal, double chiUpperBound) {

    /** How the NELBO was estimated. */
    public enum NelboEstimate {
        /** From the densities of q, the prior and the likelihood, by Monte Carlo over the draws. */
        EXACT_DENSITIES,
        /** q has no density: the divergence's own estimate, log q - log p from its discriminator. */
        DISCRIMINATOR
    }

    /** What importance sampling draws from. */
    public enum Proposal {
        /** q(z|x) itself. */
        POSTERIOR,
        /** q has no density: a Gaussian per example fitted to draws of q. */
        FITTED_GAUSSIAN
    }
}
