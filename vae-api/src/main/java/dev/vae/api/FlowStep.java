package dev.vae.api;

import java.util.Objects;
import org.nd4j.autodiff.samediff.SDVariable;

/**
 * The result of an invertible transform z' = f(z) of N codes.
 *
 * @param z the transformed codes, shape [N, codeWidth]
 * @param logDetJacobian log |det df/dz| of each code, shape [N]
 */
public record FlowStep(SDVariable z, SDVariable logDetJacobian) {

    /** Checks that nothing is null. */
    public FlowStep {
        Objects.requireNonNull(z, "z");
        Objects.requireNonNull(logDetJacobian, "logDetJacobian");
    }
}
