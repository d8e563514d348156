package dev.vae.api.spi;

import dev.vae.api.FlowStep;
import dev.vae.api.WeightScope;
import org.nd4j.autodiff.samediff.SDVariable;

/**
 * An invertible, differentiable transform of the family's draws, making q(z|x) richer: a draw z0 of
 * the family becomes z = f(z0), and log q(z|x) = log q0(z0|x) - log |det df/dz0| (Rezende and Mohamed
 * 2015). Flows chosen in turn are stacked in that order. A flow owns its parameters as weights.
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
}
