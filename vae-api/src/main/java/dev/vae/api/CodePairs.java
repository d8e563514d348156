package dev.vae.api;

import java.util.Objects;
import org.nd4j.autodiff.samediff.SDVariable;

/**
 * Codes drawn from q(z|x) and codes drawn from the prior, each beside the example it is paired with,
 * for a divergence that tells the two apart, with a discriminator T(x, z), say. Rows are sample-major
 * like the codes: row k*B + b holds example b and its k-th code.
 *
 * @param data the examples, as the encoder reads them, tiled K times, shape [K*B, dataWidth]
 * @param dataWidth columns of an example
 * @param posteriorCodes codes drawn from q(z|x), shape [K*B, codeWidth]
 * @param priorCodes codes drawn from the prior, independent of the data, shape [K*B, codeWidth]
 * @param unitCodes standard normal draws of the same shape, for a contrast with N(0, I) in place of
 *     the prior, such as the adaptive contrast of adversarial variational Bayes
 * @param codeWidth columns of a code
 */
public record CodePairs(SDVariable data, int dataWidth, SDVariable posteriorCodes, SDVariable priorCodes,
                        SDVariable unitCodes, int codeWidth) {

    /** Checks that nothing is null and the widths are positive. */
    public CodePairs {
        Objects.requireNonNull(data, "data");
        Objects.requireNonNull(posteriorCodes, "posteriorCodes");
        Objects.requireNonNull(priorCodes, "priorCodes");
        Objects.requireNonNull(unitCodes, "unitCodes");
        if (dataWidth < 1 || codeWidth < 1) {
            throw new IllegalArgumentException("widths must be positive, got data " + dataWidth + ", code " + codeWidth);
        }
    }
}
