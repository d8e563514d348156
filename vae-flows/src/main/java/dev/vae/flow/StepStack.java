package dev.vae.flow;

import dev.vae.api.FlowStep;
import org.nd4j.autodiff.samediff.SDVariable;

/** The steps of one flow plugin applied in turn, each to the codes the one before gave. */
final class StepStack {
    private StepStack() {
    }

    /** Step k of a flow on [N, L] codes. */
    @FunctionalInterface
    interface Step {
        FlowStep apply(SDVariable z, int k);
    }

    /** The codes after {@code length} steps, and the sum of their log-determinants, [N]. */
    static FlowStep of(int length, SDVariable z, Step step) {
        SDVariable logDet = null;
        for (int k = 0; k < length; k++) {
            FlowStep next = step.apply(z, k);
            z = next.z();
            logDet = logDet == null ? next.logDetJacobian() : logDet.add(next.logDetJacobian());
        }
        return new FlowStep(z, logDet.reshape(-1));
    }
}
