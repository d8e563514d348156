package dev.vae.api.support;

import dev.vae.api.Initializer;
import dev.vae.api.WeightScope;
import org.nd4j.autodiff.samediff.SDVariable;

/**
 * A fully connected layer for a component that owns a small network of its own, a discriminator or an
 * implicit family, say: kernel and bias declared under the layer's name, initialized as PyTorch's
 * {@code nn.Linear} is.
 */
public final class Dense {
    private Dense() {
    }

    /**
     * in · W + b, declaring {@code name.W} [inWidth, outWidth] and {@code name.b} [outWidth].
     *
     * @param in shape [N, inWidth]
     * @return shape [N, outWidth]
     */
    public static SDVariable of(WeightScope weights, String name, SDVariable in, long inWidth, long outWidth) {
        SDVariable kernel = weights.declare(name + ".W", new long[] {inWidth, outWidth}, Initializer.fanInUniform(inWidth));
        SDVariable bias = weights.declare(name + ".b", new long[] {outWidth}, Initializer.fanInUniform(inWidth));
        return in.mmul(kernel).add(bias);
    }
}
