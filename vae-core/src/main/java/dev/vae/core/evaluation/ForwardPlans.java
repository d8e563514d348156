package dev.vae.core.evaluation;

import dev.vae.core.training.CompiledStep;
import dev.vae.core.training.ShapePlans;
import java.util.List;
import java.util.Map;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Named outputs of a graph's forward pass through a {@link CompiledStep} per placeholder shape, so that
 * repeated evaluation skips SameDiff's per-op session cost; where the graph cannot be planned, through
 * the session. The arrays it returns are valid until its next call.
 *
 * <p>The system property {@code vae.compiledStep=false}, read at construction, forces the session.
 *
 * <p>Not thread-safe. Several instances may run plans of the same graph on different threads once each
 * is {@link #prepare prepared} on one thread; the session route must run on one thread only, since
 * a session parameterizes the graph's shared op objects.
 */
public final class ForwardPlans {
    private final SameDiff graph;
    private final List<String> outputs;
    private final ShapePlans plans;

    /** @param outputs the names {@link #output} returns */
    public ForwardPlans(SameDiff graph, List<String> outputs) {
        this.graph = graph;
        this.outputs = List.copyOf(outputs);
        this.plans = new ShapePlans(graph, outputs, "evaluations");
    }

    /**
     * Builds the plan for placeholders shaped like {@code feed} if there is none yet.
     *
     * @return whether outputs for such a feed will come from a plan
     */
    public boolean prepare(Map<String, INDArray> feed) {
        return plans.planFor(feed) != null;
    }

    /** The outputs for {@code feed}: the plan's arrays, or the session's where the graph cannot be planned. */
    public Map<String, INDArray> output(Map<String, INDArray> feed) {
        CompiledStep plan = plans.planFor(feed);
        return plan != null ? plan.run(feed) : graph.output(feed, outputs);
    }
}
