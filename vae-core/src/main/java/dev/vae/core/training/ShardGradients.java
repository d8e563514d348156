package dev.vae.core.training;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The static plans that compute one part of a batch's step: at most two, one per shape of that part,
 * since an epoch's last batch is smaller. Each part of a step has its own, so that the parts can run
 * at once, each writing only its own arrays.
 */
final class ShardGradients {
    private static final int PLANS_KEPT = 2;

    private final SameDiff gradient;
    private final List<String> outputs;
    private final List<CompiledStep> plans = new ArrayList<>();

    /** @param outputs the names of the loss, the NELBO and each weight's gradient in the gradient function */
    ShardGradients(SameDiff gradient, List<String> outputs) {
        this.gradient = gradient;
        this.outputs = outputs;
    }

    /**
     * Makes sure a plan fits this feed, building one if none does; planning runs the step once.
     *
     * @throws UnsupportedOperationException if the gradient function cannot be planned
     */
    void prepare(Map<String, INDArray> feed) {
        for (CompiledStep plan : plans) {
            if (plan.fits(feed)) {
                return;
            }
        }
        CompiledStep plan = CompiledStep.plan(gradient, feed, outputs);
        if (plans.size() == PLANS_KEPT) {
            plans.remove(0);
        }
        plans.add(plan);
    }

    /** The outputs for this feed, from the plan {@link #prepare} made for its shape: the plan's own arrays. */
    Map<String, INDArray> run(Map<String, INDArray> feed) {
        for (CompiledStep plan : plans) {
            if (plan.fits(feed)) {
                return plan.run(feed);
            }
        }
        throw new IllegalStateException("no plan was prepared for this batch's shape");
    }
}
