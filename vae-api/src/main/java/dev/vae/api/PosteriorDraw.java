package dev.vae.api;

import java.util.Objects;
import java.util.Optional;
import org.nd4j.autodiff.samediff.SDVariable;

/**
 * What a variational family adds to the graph for K draws of each of B examples: the codes and their
 * log-density under q(z|x). Flows, prior and divergence build on it.
 *
 * @param z the codes, shape [K, B, codeWidth]
 * @param logPosterior log q(z|x), summed over the code, shape [K, B]
 * @param relaxation where the codes are relaxed categoricals, how; empty for real codes
 */
public record PosteriorDraw(SDVariable z, SDVariable logPosterior, Optional<Relaxation> relaxation) {

    /** Checks that nothing is null. */
    public PosteriorDraw {
        Objects.requireNonNull(z, "z");
        Objects.requireNonNull(logPosterior, "logPosterior");
        Objects.requireNonNull(relaxation, "relaxation");
    }

    /** A draw of real codes. */
    public static PosteriorDraw real(SDVariable z, SDVariable logPosterior) {
        return new PosteriorDraw(z, logPosterior, Optional.empty());
    }

    /**
     * A draw of real codes with no density, from an implicit family: log q(z|x) is zeros of shape
     * [K, B], which the framework never reads as a density ({@link dev.vae.api.spi.NoiseSampler#hasDensity()}).
     *
     * @param z shape [K, B, codeWidth]
     */
    public static PosteriorDraw implicit(SDVariable z) {
        return real(z, z.sum(2).mul(0.0));
    }
}
