package dev.vae.core.training;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The static plans ({@link CompiledStep}) of a graph's outputs, one per placeholder shape, the latest
 * two kept: a run of full batches and its last, smaller one. Where the graph cannot be planned, the
 * refusal is logged once at debug level (a model the plan cannot run computes the same through
 * SameDiff's session, only slower) and remembered. The system property {@link Trainer#PLAN_PROPERTY}
 * {@code =false}, read at construction, refuses every plan.
 *
 * <p>Not thread-safe. Several instances may run plans of one graph on different threads, each planned
 * on one thread first: a plan's run writes only its own arrays.
 */
public final class ShapePlans {
    private static final System.Logger LOG = System.getLogger(ShapePlans.class.getName());
    private static final int PLANS_KEPT = 2;

    private final SameDiff graph;
    private final List<String> outputs;
    private final String route;
    private final Deque<CompiledStep> plans = new ArrayDeque<>();
    private boolean refused = !Boolean.parseBoolean(System.getProperty(Trainer.PLAN_PROPERTY, "true"));

    /**
     * @param outputs the names each plan computes
     * @param route what runs through the session if the graph cannot be planned, for the log line
     */
    public ShapePlans(SameDiff graph, List<String> outputs, String route) {
        this.graph = graph;
        this.outputs = List.copyOf(outputs);
        this.route = route;
    }

    /** The plan for placeholders shaped like {@code feed}, built on first use; null where the graph cannot be planned. */
    public CompiledStep planFor(Map<String, INDArray> feed) {
        if (refused) {
            return null;
        }
        for (CompiledStep plan : plans) {
            if (plan.fits(feed)) {
                return plan;
            }
        }
        try {
            CompiledStep plan = CompiledStep.plan(graph, feed, outputs);
            if (plans.size() == PLANS_KEPT) {
                plans.removeLast();
            }
            plans.addFirst(plan);
            return plan;
        } catch (RuntimeException e) {
            refused = true;
            LOG.log(System.Logger.Level.DEBUG, route + " run through SameDiff's session: " + e.getMessage());
            return null;
        }
    }
}
