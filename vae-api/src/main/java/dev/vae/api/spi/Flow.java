package dev.vae.api.spi;

import dev.vae.api.FlowStep;
import dev.vae.api.WeightScope;
import org.nd4j.autodiff.samediff.SDVariable;

/**
 * An invertible, differentiable transform of the family's draws, making q(z|x) richer: a draw z0 of
 * the family becomes z = f(z0), and log q(z|x) = log q0(z0|x) - log |det df/dz0| (Rezende and Mohamed
 * 2015). Flows chosen in turn are stacked in that order. A flow owns its parameters as weights.
 *
 * <p>A flow may read a context of each example from the encoder, as inverse autoregressive flow does
 * (Kingma et al. 2016): it asks for {@link #contextWidth} columns, the encoder outputs them beside the
 * family's parameters, and {@link #transform(WeightScope, SDVariable, SDVariable, int)} receives them.
 */
public interface Flow extends Plugin<Flow> {

    /**
     * Adds the transform of N codes to the graph.
     *
     * @param weights where the flow declares its weights
     * @param z shape [N, codeWidth]
     * @return the transformed codes and the log-determinant of the transform's Jacobian at each
     */
    FlowStep transform(WeightScope weights, SDVariable z, int codeWidth);

    /**
     * The columns of context per example this flow reads from the encoder for codes of this width;
     * 0, the default, for a flow that reads none.
     */
    default int contextWidth(int codeWidth) {
        return 0;
    }

    /**
     * Adds the transform of N codes given their context to the graph; what the framework calls. The
     * determinant is of the map from z alone: the context is fixed for each code. By default it
     * ignores the context and calls {@link #transform(WeightScope, SDVariable, int)}.
     *
     * @param weights where the flow declares its weights
     * @param z shape [N, codeWidth]
     * @param context shape [N, contextWidth(codeWidth)], row n the context of code n's example; null
     *     where {@link #contextWidth} is 0
     * @return the transformed codes and the log-determinant of the transform's Jacobian at each
     */
    default FlowStep transform(WeightScope weights, SDVariable z, SDVariable context, int codeWidth) {
        return transform(weights, z, codeWidth);
    }
}
