package dev.vae.core.training;

import dev.vae.core.graph.TrainingObjective;
import dev.vae.core.graph.VaeGraph;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.Phaser;
import java.util.concurrent.atomic.AtomicReference;
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
 *
 * <p>Each weight descends the loss of its objective ({@link VaeGraph#objectives()}) with that
 * objective's optimizer state and rate; one backward pass gives every weight its own loss's gradient.
 * An objective that takes several steps per batch gets a pass of its own for each extra one.
 */
public final class Trainer {
    /** A system property that, set to false, runs every step through SameDiff's session. */
    public static final String PLAN_PROPERTY = "vae.compiledStep";

    private final VaeGraph graph;
    private final List<String> parameters = new ArrayList<>();
    /** Each weight's state arrays, in the order of {@link WeightUpdate#stateNames}. */
    private final List<List<INDArray>> states = new ArrayList<>();
    /**
     * One optimizer update per thread and objective: an update keeps working arrays between calls, and
     * each objective has its own rate.
     */
    private final List<List<WeightUpdate>> updates = new ArrayList<>();
    /** The graph's objectives, the model's first. */
    private final List<TrainingObjective> objectives;
    /** The objective of each weight, by index. */
    private final List<Integer> objectiveOf = new ArrayList<>();
    /** Gradient passes per batch: the most steps any objective takes. */
    private final int passes;
    /** The pass of the current batch, from 0. */
    private int pass;
    /** The weights each thread updates, by index. */
    private final List<int[]> updateGroups;
    private long iteration;
    /** Loss, NELBO and each weight's gradient, in the gradient function's names. */
    private final List<String> planOutputs = new ArrayList<>();
    /** Each part of a batch's plans: the parts run at once, each writing only its own plans' arrays. */
    private final List<ShapePlans> routes = new ArrayList<>();
    private final BatchShards batchShards;
    private boolean lastPlanned;
    /** Whether the graph's step cannot be planned, so that every step runs through SameDiff's session. */
    private boolean planRefused;

    /** An optimizer at its start. */
    public Trainer(VaeGraph graph) {
        this(graph, Map.of(), 0, defaultThreads());
    }

    /**
     * An optimizer that continues from saved state.
     *
     * @param saved the optimizer's state arrays, as {@link #state()} gave them; empty for a fresh start
     * @param iteration the number of steps already taken
     * @param threads the most parts a batch is split into, each computed on its own thread; results
     *     depend on it, bit for bit the same for a given count
     * @throws IllegalArgumentException if the saved state does not fit the graph's weights, a weight is
     *     not FLOAT, or {@code threads} is not positive
     */
    public Trainer(VaeGraph graph, Map<String, INDArray> saved, long iteration, int threads) {
        if (threads < 1) {
            throw new IllegalArgumentException("a training step needs at least 1 thread, got " + threads);
        }
        this.graph = graph;
        this.iteration = iteration;
        this.objectives = graph.objectives();
        this.passes = objectives.stream().mapToInt(TrainingObjective::stepsPerBatch).max().orElse(1);
        WeightUpdate update = newUpdates().get(0);
        List<Long> sizes = new ArrayList<>();
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
            objectiveOf.add(graph.objectiveOf(name));
            states.add(weightStates);
            sizes.add(size);
        });
        updateGroups = balancedGroups(sizes, threads);
        for (int g = 0; g < updateGroups.size(); g++) {
            updates.add(newUpdates());
        }
        createGradientQuietly(graph.sameDiff());
        planOutputs.add(VaeGraph.LOSS);
        planOutputs.add(VaeGraph.NELBO);
        for (String name : parameters) {
            var gradient = graph.sameDiff().getVariable(name).getGradient();
            if (gradient == null) {
                throw new IllegalArgumentException("no loss reaches weight " + name + ", so training would never change "
                        + "it: divergence " + graph.components().divergence().name() + " does not read what the "
                        + TrainingObjective.roleOf(name) + " computes; choose a " + TrainingObjective.roleOf(name)
                        + " without weights, or a divergence that reads it");
            }
            planOutputs.add(gradient.name());
        }
        SameDiff gradientFunction = graph.sameDiff().getFunction("grad");
        for (int i = 0; i < threads; i++) {
            routes.add(new ShapePlans(gradientFunction, planOutputs, "training steps"));
        }
        batchShards = new BatchShards(graph.sameDiff(), threads);
    }

    /** An update per objective at its rate: the objective's own, or the model's. */
    private List<WeightUpdate> newUpdates() {
        List<WeightUpdate> perObjective = new ArrayList<>();
        for (TrainingObjective objective : objectives) {
            perObjective.add(WeightUpdate.of(graph.config().optimizer(),
                    objective.learningRate().orElse(graph.config().learningRate())));
        }
        return perObjective;
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
     * One optimizer step. The batch is split into one part per thread ({@link #threads()}), each part's
     * gradient computed through static plans of the gradient function ({@link CompiledStep}) on its own
     * thread, and the parts' gradients summed in a fixed order, so that a given thread count always
     * takes the same steps; where the graph cannot be planned, the parts run through SameDiff's session
     * one after the other, and give the same bits.
     */
    public Step step(Map<String, INDArray> feed) {
        Step last = null;
        for (pass = 0; pass < passes; pass++) {
            last = pass(feed);
        }
        iteration++;
        return last;
    }

    /**
     * One pass of gradients over the batch and the updates of the objectives that step in it: those
     * with more steps per batch start in earlier passes, so every objective steps in the last.
     */
    private Step pass(Map<String, INDArray> feed) {
        List<BatchShards.Shard> shards = batchShards.split(feed);
        double[] shares = new double[shards.size()];
        for (int i = 0; i < shards.size(); i++) {
            shares[i] = shards.get(i).share();
        }
        List<CompiledStep> plans = plansFor(shards);
        lastPlanned = plans != null;
        List<Map<String, INDArray>> results = lastPlanned ? onPlans(plans, shards, shares) : onSession(shards, shares);
        return shards.size() == 1 ? stepOf(results.get(0)) : weighted(results, shares);
    }

    /**
     * Each part's gradients through its plans and then the update of a share of the weights, both on
     * the part's thread (the first part's on this one): one hand-over per worker and step, the parts
     * meeting once all gradients are there.
     */
    private List<Map<String, INDArray>> onPlans(List<CompiledStep> plans, List<BatchShards.Shard> shards,
                                                double[] shares) {
        int parties = shards.size();
        List<Map<String, INDArray>> results = new ArrayList<>(Collections.nCopies(parties, null));
        Phaser gradientsDone = new Phaser(parties);
        AtomicReference<Throwable> failure = new AtomicReference<>();
        List<Future<?>> others = new ArrayList<>();
        for (int k = 1; k < parties; k++) {
            int party = k;
            others.add(StepWorkers.POOL.submit(() -> party(party, plans, shards, shares, results, gradientsDone,
                    failure)));
        }
        try {
            party(0, plans, shards, shares, results, gradientsDone, failure);
        } finally {
            others.forEach(Trainer::join);
        }
        return results;
    }

    /** One part's gradients, then, once every part's are there, the updates of the weight groups that fall to it. */
    private void party(int party, List<CompiledStep> plans, List<BatchShards.Shard> shards, double[] shares,
                       List<Map<String, INDArray>> results, Phaser gradientsDone, AtomicReference<Throwable> failure) {
        try {
            results.set(party, plans.get(party).run(shards.get(party).feed()));
        } catch (RuntimeException | Error e) {
            failure.compareAndSet(null, e);
        } finally {
            gradientsDone.arriveAndAwaitAdvance();
        }
        Throwable failed = failure.get();
        if (failed != null) {
            // Every party sees it; the first rethrows it, and no weight is touched.
            if (party == 0 && failed instanceof Error error) {
                throw error;
            }
            if (party == 0) {
                throw (RuntimeException) failed;
            }
            return;
        }
        for (int group = party; group < updateGroups.size(); group += shards.size()) {
            update(group, results, shares);
        }
    }

    /** Each part's gradients through SameDiff's session, one after the other, then every update here. */
    private List<Map<String, INDArray>> onSession(List<BatchShards.Shard> shards, double[] shares) {
        List<Map<String, INDArray>> results = new ArrayList<>(shards.size());
        for (BatchShards.Shard shard : shards) {
            results.add(throughSession(shard.feed()));
        }
        for (int group = 0; group < updateGroups.size(); group++) {
            update(group, results, shares);
        }
        return results;
    }

    private static Step stepOf(Map<String, INDArray> result) {
        return new Step(result.get(VaeGraph.LOSS).getDouble(0), result.get(VaeGraph.NELBO).meanNumber().doubleValue());
    }

    /** The batch's loss and mean NELBO from its parts', each a mean over the part's examples. */
    private static Step weighted(List<Map<String, INDArray>> results, double[] shares) {
        double loss = 0;
        double nelbo = 0;
        for (int i = 0; i < results.size(); i++) {
            Step part = stepOf(results.get(i));
            loss += shares[i] * part.loss();
            nelbo += shares[i] * part.nelbo();
        }
        return new Step(loss, nelbo);
    }

    /**
     * Updates one group's weights whose objectives step in this pass from the parts' gradients, summed
     * as each is read.
     */
    private void update(int group, List<Map<String, INDArray>> results, double[] shares) {
        for (int i : updateGroups.get(group)) {
            int steps = objectives.get(objectiveOf.get(i)).stepsPerBatch();
            int first = passes - steps;
            if (pass < first) {
                continue;
            }
            WeightUpdate groupUpdate = updates.get(group).get(objectiveOf.get(i));
            long taken = iteration * steps + pass - first;
            String name = planOutputs.get(i + 2);
            INDArray weight = graph.sameDiff().getArrForVarName(parameters.get(i));
            if (results.size() == 1) {
                groupUpdate.apply(weight, results.get(0).get(name), states.get(i), taken);
            } else {
                List<INDArray> parts = new ArrayList<>(results.size());
                results.forEach(r -> parts.add(r.get(name)));
                groupUpdate.apply(weight, parts, shares, states.get(i), taken);
            }
        }
    }

    /**
     * The weights' indices in as many groups as threads, of near equal total size: each large weight
     * goes to the group with the fewest values so far.
     */
    private static List<int[]> balancedGroups(List<Long> sizes, int groups) {
        List<Integer> bySize = new ArrayList<>();
        for (int i = 0; i < sizes.size(); i++) {
            bySize.add(i);
        }
        bySize.sort((a, b) -> Long.compare(sizes.get(b), sizes.get(a)));
        long[] totals = new long[groups];
        List<List<Integer>> members = new ArrayList<>();
        for (int g = 0; g < groups; g++) {
            members.add(new ArrayList<>());
        }
        for (int i : bySize) {
            int least = 0;
            for (int g = 1; g < groups; g++) {
                if (totals[g] < totals[least]) {
                    least = g;
                }
            }
            members.get(least).add(i);
            totals[least] += sizes.get(i);
        }
        List<int[]> result = new ArrayList<>();
        for (List<Integer> m : members) {
            if (!m.isEmpty()) {
                result.add(m.stream().sorted().mapToInt(Integer::intValue).toArray());
            }
        }
        return result;
    }

    /** Loss, NELBO and gradients by the plans' output names, from SameDiff's session. */
    private Map<String, INDArray> throughSession(Map<String, INDArray> feed) {
        OutAndGrad result = graph.sameDiff().calculateGradientsAndOutputs(feed, List.of(VaeGraph.LOSS, VaeGraph.NELBO),
                parameters);
        Map<String, INDArray> named = new HashMap<>(result.getOutputs());
        for (int i = 0; i < parameters.size(); i++) {
            named.put(planOutputs.get(i + 2), result.getGradients().get(parameters.get(i)));
        }
        return named;
    }

    /** Each part's plan, built on this thread before any part runs; null where the graph cannot be planned. */
    private List<CompiledStep> plansFor(List<BatchShards.Shard> shards) {
        List<CompiledStep> plans = new ArrayList<>(shards.size());
        for (int i = 0; i < shards.size() && !planRefused; i++) {
            CompiledStep plan = routes.get(i).planFor(shards.get(i).feed());
            planRefused = plan == null;
            plans.add(plan);
        }
        return planRefused ? null : plans;
    }

    /**
     * The part's result, waited for without giving way to an interrupt: a step left half done would
     * leave some weights updated and others not. The interrupt is kept for the caller to see.
     */
    private static <T> T join(Future<T> part) {
        boolean interrupted = false;
        try {
            while (true) {
                try {
                    return part.get();
                } catch (InterruptedException e) {
                    interrupted = true;
                } catch (ExecutionException e) {
                    if (e.getCause() instanceof RuntimeException runtime) {
                        throw runtime;
                    }
                    if (e.getCause() instanceof Error error) {
                        throw error;
                    }
                    throw new IllegalStateException(e.getCause());
                }
            }
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /**
     * The optimizer's state arrays by name: RMSprop's under each weight's name, Adam's as
     * {@code m.}weight and {@code v.}weight; live views, copy them to keep them.
     */
    public Map<String, INDArray> state() {
        Map<String, INDArray> state = new LinkedHashMap<>();
        for (int i = 0; i < parameters.size(); i++) {
            List<String> names = updates.get(0).get(0).stateNames(parameters.get(i));
            for (int j = 0; j < names.size(); j++) {
                state.put(names.get(j), states.get(i).get(j));
            }
        }
        return state;
    }

    /** Whether the last step ran through static plans rather than SameDiff's session. */
    public boolean planned() {
        return lastPlanned;
    }

    /** The most parts a batch is split into, each computed on its own thread. */
    public int threads() {
        return routes.size();
    }

    /**
     * The thread count a step uses unless told otherwise: the cores, at most two, divided by the
     * OpenMP threads each op may use, so that a user's {@code OMP_NUM_THREADS} wins. Two at most, so
     * that a run gives the same bits on any machine of two cores or more.
     */
    public static int defaultThreads() {
        int omp = Math.max(1, Nd4j.getEnvironment().maxMasterThreads());
        return Math.max(1, Math.min(2, Runtime.getRuntime().availableProcessors()) / omp);
    }

    /** The number of steps taken. */
    public long iteration() {
        return iteration;
    }

    /**
     * Builds the gradient graph once, before the first step. SameDiff prints a line per differentiated
     * op to standard output while it does so, which a library must not do to its users: the line is
     * dropped for this thread only (see {@link ThreadMutedOut}).
     */
    private static void createGradientQuietly(SameDiff sd) {
        ThreadMutedOut.run(sd::createGradFunction);
    }
}
