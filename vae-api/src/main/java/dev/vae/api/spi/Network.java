package dev.vae.api.spi;

import dev.vae.api.FeatureShape;
import dev.vae.api.WeightScope;
import org.nd4j.autodiff.samediff.SDVariable;

/**
 * An architecture for the encoder or the decoder: a differentiable map from N examples of one shape
 * to N of another. The encoder maps data to the family's parameters, the decoder codes to the
 * likelihood's; each is chosen on its own.
 *
 * <p>Like a Keras layer, a network creates the weights it owns, in the {@link WeightScope} it is
 * given, and computes with them. The framework may add the same network to the graph more than once
 * with the same scope (to decode the training draws and, separately, codes given by a user); a
 * second declaration of a name returns the same weight, so every use shares them.
 */
public interface Network extends Plugin<Network> {

    /**
     * Adds the network to the graph.
     *
     * @param weights where the network declares its weights
     * @param in shape [N, inShape.size()]
     * @param inShape what each row of {@code in} holds: an image for an encoder of image data, a
     *     vector of codes for a decoder
     * @param outShape what each output row must hold: the family's parameters for an encoder, the
     *     likelihood's for a decoder (then {@code outputsPerDimension} channels of the data's image)
     * @return shape [N, outShape.size()]
     * @throws IllegalArgumentException if the network cannot map these shapes, saying what it needs
     */
    SDVariable forward(WeightScope weights, SDVariable in, FeatureShape inShape, FeatureShape outShape);

    /**
     * Whether the network reads an image's planes as planes, as a convolution does. An encoder that
     * does is given a conditional model's condition c as C constant planes after the image's,
     * {@code [channels + C, H, W]}; one that does not, such as a dense network that reads every input
     * as a vector, is given c as C more values, {@code [H * W * channels + C]} as a vector.
     */
    default boolean readsPlanes() {
        return false;
    }
}
