package dev.vae.api;

import dev.vae.api.support.Reductions;
import java.util.Objects;
import java.util.Optional;
import org.nd4j.autodiff.samediff.SDVariable;

/**
 * The terms of the importance weights w = p(x|z) p(z) / q(z|x) of K samples for each of B examples,
 * from which every divergence forms its bound. All are nats.
 *
 * @param logLikelihood log p(x|z), shape [K, B]
 * @param latent the draw that produced z, with log q(z|x), log p(z) and the analytic KL if any
 * @param samples K, at least 1
 * @param pairs the codes of q and of the prior, each beside its example, for a divergence that tells
 *     them apart ({@link dev.vae.api.spi.Divergence#needsCodePairs()}); empty otherwise
 */
public record LogWeights(SDVariable logLikelihood, LatentSample latent, int samples, Optional<CodePairs> pairs) {

    /** Checks that nothing is null and K is positive. */
    public LogWeights {
        Objects.requireNonNull(logLikelihood, "logLikelihood");
        Objects.requireNonNull(latent, "latent");
        Objects.requireNonNull(pairs, "pairs");
        if (samples < 1) {
            throw new IllegalArgumentException("samples must be at least 1, got " + samples);
        }
    }

    /** Terms without code pairs. */
    public LogWeights(SDVariable logLikelihood, LatentSample latent, int samples) {
        this(logLikelihood, latent, samples, Optional.empty());
    }

    /** log w = log p(x|z) + log p(z) - log q(z|x), shape [K, B]. */
    public SDVariable logWeights() {
        return logLikelihood.add(latent.logPrior()).sub(latent.logPosterior());
    }

    /**
     * The evidence lower bound per example, shape [B]: the mean over K of log p(x|z) minus the
     * analytic KL where the sampler offers one (lower variance, Kingma and Welling 2014, eq. 10),
     * and otherwise the mean over K of log w.
     */
    public SDVariable elbo() {
        return latent.analyticKl()
                .map(kl -> meanOverSamples(logLikelihood).sub(kl))
                .orElseGet(() -> meanOverSamples(logWeights()));
    }

    /** The mean over the K samples of a [K, B] term, shape [B]. */
    public SDVariable meanOverSamples(SDVariable perSample) {
        return Reductions.mean(perSample, 0, samples);
    }
}
