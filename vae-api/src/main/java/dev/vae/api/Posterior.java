package dev.vae.api;

import java.util.Objects;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The moments of q(z|x) for a batch of examples, per latent variable.
 *
 * @param mean E[z], shape [B, codeWidth]
 * @param variance Var[z], shape [B, codeWidth]
 */
public record Posterior(INDArray mean, INDArray variance) {

    /** Checks that the two arrays agree in shape. */
    public Posterior {
        Objects.requireNonNull(mean, "mean");
        Objects.requireNonNull(variance, "variance");
        if (!mean.equalShapes(variance)) {
            throw new IllegalArgumentException("mean and variance shapes differ: "
                    + java.util.Arrays.toString(mean.shape()) + " vs " + java.util.Arrays.toString(variance.shape()));
        }
    }
}
