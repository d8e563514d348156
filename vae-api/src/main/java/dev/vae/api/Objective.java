package dev.vae.api;

import java.util.Objects;
import java.util.OptionalDouble;
import org.nd4j.autodiff.samediff.SDVariable;

/**
 * A loss that trains some weights of a model and no others, with an optimizer state of its own: a
 * discriminator's logistic loss beside the model's bound, say. Each weight of a model descends exactly
 * one objective; the framework takes the gradients of all of them in one backward pass, so a loss must
 * not reach the weights of another objective except through frozen ones.
 *
 * @param loss a scalar: a mean over the batch's examples of a term of each example alone
 * @param learningRate the step size of this objective's optimizer; empty for the model's
 * @param stepsPerBatch the updates of these weights per batch, at least 1: with more than one, the
 *     extra updates come first, on the same batch and draws, each from a fresh gradient
 */
public record Objective(SDVariable loss, OptionalDouble learningRate, int stepsPerBatch) {

    /** Checks that the loss is there and the rate and the steps are positive. */
    public Objective {
        Objects.requireNonNull(loss, "loss");
        Objects.requireNonNull(learningRate, "learningRate");
        if (learningRate.isPresent() && !(learningRate.getAsDouble() > 0)) {
            throw new IllegalArgumentException("a learning rate must be positive, got " + learningRate.getAsDouble());
        }
        if (stepsPerBatch < 1) {
            throw new IllegalArgumentException("an objective takes at least 1 step per batch, got " + stepsPerBatch);
        }
    }
}
