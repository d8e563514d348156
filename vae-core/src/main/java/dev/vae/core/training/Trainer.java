package dev.vae.core.training;

import dev.vae.core.graph.VaeGraph;
import java.io.OutputStream;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.autodiff.samediff.api.OutAndGrad;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Optimizer steps on a {@link VaeGraph}: each step computes the loss and every gradient in one pass of
 * the gradient graph and applies the updates here, rather than through {@code SameDiff.fit}, whose
 * fit loop never evaluates the loss itself: backpropagation starts from a constant 1, so the loss the
 * fit loop reports is 0. The optimizer's state, its arrays per weight, can be saved and restored, so
 * that a resumed run takes the same steps as an uninterrupted one. Weights must be FLOAT.
 */
public final class Trainer {
    /** A system property that, set to false, runs every step through SameDiff's session. */
    public static final String PLAN_PROPERTY = "vae.compiledStep";
    private static final int PLANS_KEPT = 2;
    private static final System.Logger LOG = System.getLogger(Trainer.class.getName());

    private final VaeGraph graph;
    private final List<String> parameters = new ArrayList<>();
    /** Each weight's state arrays, in the order of {@link WeightUpdate#stateNames}. */
    private final List<List<INDArray>> states = new ArrayList<>();
    private final WeightUpdate update;
    private long iteration;
    /** Loss, NELBO and each weight's gradient, in the gradient function's names. */
    private final List<String> planOutputs = new ArrayList<>();
    /** Static plans of the step, one per batch shape, the latest two kept: an epoch's last batch is smaller. */
    private final List<CompiledStep> plans = new ArrayList<>();
    /** Whether the graph's step cannot be planned, so that every step runs through SameDiff's session. */
    private boolean planRefused = !Boolean.parseBoolean(System.getProperty(PLAN_PROPERTY, "true"));

    /** An optimizer at its start. */
    public Trainer(VaeGraph graph) {
        this(graph, Map.of(), 0);
    }

    /**
     * An optimizer that continues from saved state.
     *
     * @param saved the optimizer's state arrays, as {@link #state()} gave them; empty for a fresh start
     * @param iteration the number of steps already taken
     * @throws IllegalArgumentException if the saved state does not fit the graph's weights, or a
     *     weight is not FLOAT
     */
    public Trainer(VaeGraph graph, Map<String, INDArray> saved, long iteration) {
        this.graph = graph;
        this.iteration = iteration;
        this.update = WeightUpdate.of(graph.config().optimizer(), graph.config().learningRate());
        graph.forEachParameter((name, array) -> {
            if (array.dataType() != DataType.FLOAT) {
                throw new IllegalArgumentException("weight " + name + " is " + array.dataType()
                        + "; the trainer updates FLOAT weights only");
            }
            long size = array.length();
            List<INDArray> weightStates = new ArrayList<>();
            for (String stateName : update.stateNames(name)) {
                INDArray state = Nd4j.create(DataType.FLOAT, 1, size);
                if (saved.isEmpty()) {
                    state.assign(update.initialState());
                } else {
                    state.assign(savedState(saved, stateName, size));
                }
                weightStates.add(state);
            }
            parameters.add(name);
            states.add(weightStates);
        });
        createGradientQuietly(graph.sameDiff());
        planOutputs.add(VaeGraph.LOSS);
        planOutputs.add(VaeGraph.NELBO);
        for (String name : parameters) {
            var gradient = graph.sameDiff().getVariable(name).getGradient();
            if (gradient == null) {
                planRefused = true;
                break;
            }
            planOutputs.add(gradient.name());
        }
    }

    private static INDArray savedState(Map<String, INDArray> saved, String name, long size) {
        INDArray state = saved.get(name);
        if (state == null || state.length() != size) {
            throw new IllegalArgumentException("optimizer state of " + name + " is "
                    + (state == null ? "missing" : "of length " + state.length()) + "; expected " + size);
        }
        return state.reshape(1, size);
    }

    /** The loss and the batch's mean NELBO before an update. */
    public record Step(double loss, double nelbo) {
    }

    /**
     * One optimizer step, through a static plan of the gradient function where the graph allows one
     * ({@link CompiledStep}), otherwise through SameDiff's session; both compute the same bits.
     */
    public Step step(Map<String, INDArray> feed) {
        SameDiff sd = graph.sameDiff();
        Map<String, INDArray> planned = planned(feed);
        INDArray loss;
        INDArray nelbo;
        List<INDArray> gradients = new ArrayList<>(parameters.size());
        if (planned != null) {
            loss = planned.get(VaeGraph.LOSS);
            nelbo = planned.get(VaeGraph.NELBO);
            for (int i = 0; i < parameters.size(); i++) {
                gradients.add(planned.get(planOutputs.get(i + 2)));
            }
        } else {
            OutAndGrad result = sd.calculateGradientsAndOutputs(feed, List.of(VaeGraph.LOSS, VaeGraph.NELBO), parameters);
            loss = result.getOutputs().get(VaeGraph.LOSS);
            nelbo = result.getOutputs().get(VaeGraph.NELBO);
            for (String name : parameters) {
                gradients.add(result.getGradients().get(name));
            }
        }
        Step step = new Step(loss.getDouble(0), nelbo.meanNumber().doubleValue());
        for (int i = 0; i < parameters.size(); i++) {
            update.apply(sd.getArrForVarName(parameters.get(i)), gradients.get(i), states.get(i), iteration);
        }
        iteration++;
        return step;
    }

    /** The plan's outputs for this batch, or null where the graph's step cannot be planned. */
    private Map<String, INDArray> planned(Map<String, INDArray> feed) {
        if (planRefused) {
            return null;
        }
        for (CompiledStep plan : plans) {
            if (plan.fits(feed)) {
                return plan.run(feed);
            }
        }
        CompiledStep plan;
        try {
            plan = CompiledStep.plan(graph.sameDiff().getFunction("grad"), feed, planOutputs);
        } catch (RuntimeException e) {
            planRefused = true;
            // Debug, not info: a model the plan cannot run trains exactly as before, only slower, and
            // the console of every such run is no place for the list of op classes.
            LOG.log(System.Logger.Level.DEBUG, "training steps run through SameDiff's session: " + e.getMessage());
            return null;
        }
        if (plans.size() == PLANS_KEPT) {
            plans.remove(0);
        }
        plans.add(plan);
        return plan.run(feed);
    }

    /**
     * The optimizer's state arrays by name: RMSprop's under each weight's name, Adam's as
     * {@code m.}weight and {@code v.}weight; live views, copy them to keep them.
     */
    public Map<String, INDArray> state() {
        Map<String, INDArray> state = new LinkedHashMap<>();
        for (int i = 0; i < parameters.size(); i++) {
            List<String> names = update.stateNames(parameters.get(i));
            for (int j = 0; j < names.size(); j++) {
                state.put(names.get(j), states.get(i).get(j));
            }
        }
        return state;
    }

    /** Whether the last step ran through a static plan rather than SameDiff's session. */
    public boolean planned() {
        return !planRefused && !plans.isEmpty();
    }

    /** The number of steps taken. */
    public long iteration() {
        return iteration;
    }

    /**
     * Builds the gradient graph once, before the first step. SameDiff prints a line per differentiated
     * op to standard output while it does so, which a library must not do to its users.
     */
    private static void createGradientQuietly(SameDiff sd) {
        PrintStream out = System.out;
        System.setOut(new PrintStream(OutputStream.nullOutputStream()));
        try {
            sd.createGradFunction();
        } finally {
            System.setOut(out);
        }
    }
}
