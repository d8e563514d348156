package dev.vae.core.training;

import dev.vae.core.StepProfile;
import dev.vae.core.graph.VaeGraph;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Times the parts of a training step as {@link Trainer} takes it on a compiled plan, on one thread
 * and the whole batch: a step (next batch, plan run, loss read, the optimizer's update of every weight) is timed whole and its update apart;
 * then the plan's ops are executed once more on the same batch, each timed
 * ({@link CompiledStep#timeEachOp}), which gives the ops' share. What remains of the step is Java's.
 * Times are the thread's CPU time, the whole step on the wall clock too. The steps train the graph's
 * weights, as a trainer would.
 */
public final class StepProfiler {
    private static final int WARM_UP_STEPS = 10;
    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    private final VaeGraph graph;
    private final List<String> parameters = new ArrayList<>();
    private final List<String> outputs = new ArrayList<>();
    private final List<List<INDArray>> states = new ArrayList<>();
    private final WeightUpdate update;
    private long iteration;

    private StepProfiler(VaeGraph graph) {
        this.graph = graph;
        this.update = WeightUpdate.of(graph.config().optimizer(), graph.config().learningRate());
        outputs.add(VaeGraph.LOSS);
        outputs.add(VaeGraph.NELBO);
        graph.forEachParameter((name, array) -> {
            parameters.add(name);
            List<INDArray> weightStates = new ArrayList<>();
            update.stateNames(name).forEach(stateName ->
                    weightStates.add(Nd4j.create(DataType.FLOAT, 1, array.length()).assign(update.initialState())));
            states.add(weightStates);
        });
    }

    /**
     * Profiles {@code steps} training steps after a short warm-up.
     *
     * @param graph a graph whose gradient function a {@link Trainer} has built
     * @param batches the next batch on each call
     * @throws IllegalArgumentException if steps is not positive or the graph has no gradient function
     */
    public static StepProfile profile(VaeGraph graph, Supplier<Map<String, INDArray>> batches, int steps) {
        if (steps < 1) {
            throw new IllegalArgumentException("a profile needs at least 1 step, got " + steps);
        }
        if (!Boolean.parseBoolean(System.getProperty(Trainer.PLAN_PROPERTY, "true"))) {
            return StepProfile.notPlanned("-D" + Trainer.PLAN_PROPERTY + "=false is set");
        }
        SameDiff gradient = graph.sameDiff().getFunction("grad");
        if (gradient == null) {
            throw new IllegalArgumentException("the graph has no gradient function: construct a Trainer on it first");
        }
        StepProfiler profiler = new StepProfiler(graph);
        for (String name : profiler.parameters) {
            var g = graph.sameDiff().getVariable(name).getGradient();
            if (g == null) {
                return StepProfile.notPlanned("weight " + name + " has no gradient variable");
            }
            profiler.outputs.add(g.name());
        }
        CompiledStep plan;
        try {
            plan = CompiledStep.plan(gradient, batches.get(), profiler.outputs);
        } catch (RuntimeException e) {
            return StepProfile.notPlanned(e.getMessage());
        }
        return profiler.measure(plan, batches, steps);
    }

    private StepProfile measure(CompiledStep plan, Supplier<Map<String, INDArray>> batches, int steps) {
        for (int i = 0; i < WARM_UP_STEPS; i++) {
            step(plan, batches);
            plan.timeEachOp(THREADS::getCurrentThreadCpuTime);
        }
        long stepNanos = 0;
        long wallNanos = 0;
        long updateNanos = 0;
        long[] opNanos = new long[plan.size()];
        for (int i = 0; i < steps; i++) {
            long wall = System.nanoTime();
            long start = THREADS.getCurrentThreadCpuTime();
            long updating = step(plan, batches);
            stepNanos += THREADS.getCurrentThreadCpuTime() - start;
            wallNanos += System.nanoTime() - wall;
            updateNanos += updating;
            long[] nanos = plan.timeEachOp(THREADS::getCurrentThreadCpuTime);
            for (int k = 0; k < nanos.length; k++) {
                opNanos[k] += nanos[k];
            }
        }
        List<StepProfile.OpClass> classes = byClass(plan.stepClasses(), opNanos, steps);
        double ops = classes.stream().mapToDouble(StepProfile.OpClass::millis).sum();
        double step = millis(stepNanos, steps);
        double updating = millis(updateNanos, steps);
        return new StepProfile(Optional.empty(), plan.size(), steps, step, millis(wallNanos, steps), classes, updating,
                step - ops - updating);
    }

    /** One step as the trainer takes it; returns the CPU nanoseconds of its update. */
    private long step(CompiledStep plan, Supplier<Map<String, INDArray>> batches) {
        Map<String, INDArray> feed = batches.get();
        if (!plan.fits(feed)) {
            // An epoch's smaller last batch would need a second plan; the profile skips it.
            feed = batches.get();
        }
        Map<String, INDArray> out = plan.run(feed);
        out.get(VaeGraph.LOSS).getDouble(0);
        out.get(VaeGraph.NELBO).meanNumber();
        long start = THREADS.getCurrentThreadCpuTime();
        SameDiff sd = graph.sameDiff();
        for (int i = 0; i < parameters.size(); i++) {
            update.apply(sd.getArrForVarName(parameters.get(i)), out.get(outputs.get(i + 2)), states.get(i), iteration);
        }
        iteration++;
        return THREADS.getCurrentThreadCpuTime() - start;
    }

    private static List<StepProfile.OpClass> byClass(List<Class<?>> order, long[] nanos, int steps) {
        Map<String, long[]> totals = new LinkedHashMap<>();
        for (int k = 0; k < nanos.length; k++) {
            long[] t = totals.computeIfAbsent(order.get(k).getSimpleName(), c -> new long[2]);
            t[0]++;
            t[1] += nanos[k];
        }
        List<StepProfile.OpClass> classes = new ArrayList<>();
        totals.forEach((name, t) -> classes.add(new StepProfile.OpClass(name, (int) t[0], millis(t[1], steps))));
        classes.sort(Comparator.comparingDouble(StepProfile.OpClass::millis).reversed());
        return classes;
    }

    private static double millis(long nanos, int steps) {
        return nanos / 1e6 / steps;
    }
}
