package dev.vae.api;

import java.util.Objects;
import java.util.Optional;
import org.nd4j.autodiff.samediff.SDVariable;

/**
 * The graph of one reparameterized draw: z = g(encoder output, eps) with the densities that the
 * divergences need. K is the number of samples per example and B the batch size.
 *
 * @param z the codes, shape [K, B, codeWidth]
 * @param logPosterior log q(z|x), summed over latent variables, shape [K, B]
 * @param logPrior log p(z), summed over latent variables, shape [K, B]
 * @param analyticKl KL(q(z|x) || p(z)) per example, shape [B], where the family has a closed form;
 *     empty where the divergences must estimate it from samples
 */
public record LatentSample(SDVariable z, SDVariable logPosterior, SDVariable logPrior,
                           Optional<SDVariable> analyticKl) {

    /** Checks that nothing is null. */
    public LatentSample {
        Objects.requireNonNull(z, "z");
        Objects.requireNonNull(logPosterior, "logPosterior");
        Objects.requireNonNull(logPrior, "logPrior");
        Objects.requireNonNull(analyticKl, "analyticKl");
    }
}
