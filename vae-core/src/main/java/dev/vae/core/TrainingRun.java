package dev.vae.core;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import dev.vae.core.data.ImageSet;
import dev.vae.core.data.Standardization;
import dev.vae.core.graph.VaeGraph;
import dev.vae.core.training.DataFingerprint;
import dev.vae.core.training.DivergenceGuard;
import dev.vae.core.training.EpochBatches;
import dev.vae.core.training.Trainer;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.rng.Random;
import org.nd4j.linalg.factory.Nd4j;

/**
 * A training run that can stop between two steps, be saved as a checkpoint and continue from it to
 * exactly the weights and history that an uninterrupted run reaches (on one thread).
 *
 * <p>The configuration's optimizer on shuffled mini-batches, the validation NELBO after each epoch.
 * Three random streams, all from the configuration's seed, keep a run repeatable: one shuffles, one
 * draws the training eps, one draws the validation eps. A checkpoint holds the weights, the
 * optimizer's state, the two noise streams' states, the position in the epoch with the epoch's
 * running sums, and the history; the shuffle is replayed from the seed, since an epoch's order is
 * all it ever drew.
 */
public final class TrainingRun {
    private static final String FORMAT = "dev.vae.training";
    /** The prefix of kept weights among a checkpoint's state arrays. */
    private static final String KEPT = "kept.";

    private final VaeGraph graph;
    private final ImageSet train;
    private final ImageSet validation;
    private final Optional<Standardization> standardization;
    /** The rows the graph reads, [x, c] for a conditional model, standardized if the model is. */
    private final INDArray trainRows;
    private final INDArray validationRows;
    private final Trainer trainer;
    private final DivergenceGuard guard;
    private final java.util.Random shuffle;
    private final Random trainNoise;
    private final Random validationNoise;
    private final List<EpochStats> history;
    private final String trainFingerprint;
    private int epoch;
    private EpochBatches batches;
    private EpochSums sums = new EpochSums();
    private double referenceLoss;
    /** The epoch after which a callback ended training; 0 while it goes on. */
    private int stoppedAfter;
    /** Copies of the weights a callback kept, and their epoch (0 for none). */
    private Map<String, INDArray> kept = Map.of();
    private int keptEpoch;

    private TrainingRun(VaeGraph graph, Optional<Standardization> standardization, ImageSet train, ImageSet validation,
                        Trainer trainer, List<EpochStats> history) {
        this.graph = graph;
        this.train = train;
        this.validation = validation;
        this.standardization = standardization;
        this.trainRows = standardized(graph.config().condition().rows(train));
        this.validationRows = standardized(graph.config().condition().rows(validation));
        this.trainer = trainer;
        this.guard = new DivergenceGuard(graph, train);
        this.history = new ArrayList<>(history);
        long seed = graph.config().seed();
        this.shuffle = new java.util.Random(seed);
        this.trainNoise = SeededRandom.of(seed + 1);
        this.validationNoise = SeededRandom.of(seed + 2);
        this.trainFingerprint = DataFingerprint.of(train.images());
        this.epoch = history.size() + 1;
        this.referenceLoss = Double.NaN;
    }

    /** A run at its start, its steps split over {@code threads} threads. */
    static TrainingRun start(VaeGraph graph, Optional<Standardization> standardization, ImageSet train,
                             ImageSet validation, int threads) {
        return new TrainingRun(graph, standardization, train, validation, new Trainer(graph, Map.of(), 0, threads),
                List.of());
    }

    private INDArray standardized(INDArray rows) {
        return standardization.map(s -> s.apply(rows)).orElse(rows);
    }

    /**
     * A run continued from a checkpoint that {@link #saveCheckpoint} wrote.
     *
     * @throws ModelFileException if the file holds no training state, or state that does not fit
     * @throws IllegalArgumentException if the data differ from those the run was trained on
     */
    static TrainingRun resume(Path file, ModelFile.Contents contents, ImageSet train, ImageSet validation)
            throws ModelFileException {
        ModelFile.TrainingState state = contents.state().orElseThrow(() ->
                new ModelFileException(file, "is a model file without training state; expected a checkpoint"));
        JsonObject json = state.json();
        try {
            if (!FORMAT.equals(json.get("format").getAsString())) {
                throw new ModelFileException(file, "holds training state of another format");
            }
            TrainedVae model = contents.model();
            // Checkpoints written before steps were split over threads took every step on one.
            int stepThreads = json.has("stepThreads") ? json.get("stepThreads").getAsInt() : 1;
            Trainer trainer = new Trainer(model.graph(), state.arrays(), json.get("iteration").getAsLong(), stepThreads);
            TrainingRun run = new TrainingRun(model.graph(), model.standardization(), train, validation, trainer,
                    withSeconds(model.history(), json));
            run.checkData(json);
            checkThreads(json);
            run.restorePosition(json);
            run.restoreStop(json, state.arrays());
            return run;
        } catch (IllegalStateException | NullPointerException | UnsupportedOperationException e) {
            throw new ModelFileException(file, "has incomplete training state (" + e.getMessage() + ")");
        }
    }

    private static List<EpochStats> withSeconds(List<EpochStats> history, JsonObject json) {
        JsonArray seconds = json.getAsJsonArray("seconds");
        List<EpochStats> timed = new ArrayList<>();
        for (int i = 0; i < history.size(); i++) {
            EpochStats s = history.get(i);
            timed.add(new EpochStats(s.epoch(), s.trainLoss(), s.trainNelbo(), s.validationNelbo(),
                    seconds.get(i).getAsDouble()));
        }
        return timed;
    }

    private void checkData(JsonObject json) {
        if (json.get("trainExamples").getAsLong() != train.size()
                || json.get("validationExamples").getAsLong() != validation.size()
                || !trainFingerprint.equals(json.get("trainSha256").getAsString())) {
            throw new IllegalArgumentException("the training data differ from those the run was trained on ("
                    + json.get("trainExamples") + " training and " + json.get("validationExamples")
                    + " validation images); resume with the run's own data");
        }
    }

    /**
     * Refuses another thread count than the run's: OpenBLAS splits its sums by thread, so the
     * continuation would no longer be the run's.
     */
    private static void checkThreads(JsonObject json) {
        int recorded = json.get("threads").getAsInt();
        int threads = ompThreads();
        if (recorded != threads) {
            throw new IllegalArgumentException("the run trained on " + recorded + " thread" + (recorded == 1 ? "" : "s")
                    + " and this process has " + threads + "; resume it with OMP_NUM_THREADS=" + recorded
                    + " to continue it exactly");
        }
    }

    private static int ompThreads() {
        return Nd4j.getEnvironment().maxMasterThreads();
    }

    private void restorePosition(JsonObject json) {
        for (int e = 1; e < epoch; e++) {
            EpochBatches.replayShuffle(train.size(), shuffle);
        }
        setStates(trainNoise, json.getAsJsonArray("trainNoise"));
        setStates(validationNoise, json.getAsJsonArray("validationNoise"));
        referenceLoss = json.has("referenceLoss") ? json.get("referenceLoss").getAsDouble() : Double.NaN;
        int batchesDone = json.get("batchesDone").getAsInt();
        if (batchesDone > 0) {
            batches = newEpoch();
            batches.skip(batchesDone);
            sums = new EpochSums(json.getAsJsonObject("sums"));
        }
    }

    private void restoreStop(JsonObject json, Map<String, INDArray> arrays) {
        stoppedAfter = json.has("stoppedAfter") ? json.get("stoppedAfter").getAsInt() : 0;
        keptEpoch = json.has("keptEpoch") ? json.get("keptEpoch").getAsInt() : 0;
        Map<String, INDArray> weights = new LinkedHashMap<>();
        arrays.forEach((name, array) -> {
            if (name.startsWith(KEPT)) {
                weights.put(name.substring(KEPT.length()), array);
            }
        });
        kept = weights;
    }

    private static void setStates(Random rng, JsonArray states) {
        rng.setStates(states.get(0).getAsLong(), states.get(1).getAsLong());
    }

    /**
     * Trains until the last epoch ends or the listener asks to stop, which it is asked before each
     * step. Stopped, the run can be saved with {@link #saveCheckpoint} and continued.
     *
     * @return the model as it stands: trained, if {@link #finished()}
     * @throws TrainingDivergedException if the loss, the validation NELBO or the weights stop being
     *     finite, or the loss grows a millionfold
     */
    public TrainedVae fit(TrainingListener listener) {
        return fit(listener, List.of());
    }

    /**
     * {@link #fit(TrainingListener)} with callbacks told about each finished epoch, any of which may end
     * training there, and told when training has ended.
     */
    public TrainedVae fit(TrainingListener listener, List<? extends TrainingCallback> callbacks) {
        while (!finished()) {
            if (batches == null) {
                batches = newEpoch();
            }
            while (batches.hasNext()) {
                if (listener.stopRequested()) {
                    return model();
                }
                step(listener);
            }
            endEpoch(listener, callbacks);
        }
        callbacks.forEach(c -> c.onTrainEnd(this));
        return model();
    }

    private EpochBatches newEpoch() {
        graph.enterEpoch(epoch);
        return new EpochBatches(trainRows, graph, graph.config().batchSize(), shuffle, trainNoise);
    }

    private void step(TrainingListener listener) {
        long start = System.nanoTime();
        Map<String, INDArray> feed = batches.next();
        long rows = feed.get(VaeGraph.X).rows();
        Trainer.Step step = trainer.step(feed);
        guard.checkLoss(epoch, step.loss(), referenceLoss);
        if (Double.isNaN(referenceLoss)) {
            referenceLoss = step.loss();
        }
        sums.add(step, rows, (System.nanoTime() - start) / 1e9);
        listener.batchDone(epoch, batches.examplesDone(), batches.size(), step.loss());
    }

    private void endEpoch(TrainingListener listener, List<? extends TrainingCallback> callbacks) {
        long start = System.nanoTime();
        double validationNelbo = graph.perExample(VaeGraph.NELBO, validationRows, validationNoise)
                .meanNumber().doubleValue();
        guard.checkLoss(epoch, sums.meanLoss(), referenceLoss);
        guard.checkValidation(epoch, validationNelbo);
        guard.checkWeights(epoch);
        EpochStats stats = new EpochStats(epoch, sums.meanLoss(), sums.meanNelbo(), validationNelbo,
                sums.seconds() + (System.nanoTime() - start) / 1e9);
        history.add(stats);
        epoch++;
        batches = null;
        sums = new EpochSums();
        boolean stop = false;
        for (TrainingCallback callback : callbacks) {
            stop |= callback.onEpochEnd(stats, this) == TrainingCallback.Decision.STOP;
        }
        if (stop) {
            stoppedAfter = stats.epoch();
        }
        listener.epochDone(stats);
    }

    /** Whether every epoch of the configuration has run, or a callback ended training. */
    public boolean finished() {
        return epoch > graph.config().epochs() || stoppedEarly();
    }

    /** Whether a callback ended training before the configuration's last epoch. */
    public boolean stoppedEarly() {
        return stoppedAfter > 0;
    }

    /**
     * Keeps a copy of the weights as they are now, in place of any kept before, with the epoch last
     * finished; a checkpoint holds them. For a callback that may want them back, as
     * {@link EarlyStopping} does.
     */
    public void keepWeights() {
        Map<String, INDArray> copies = new LinkedHashMap<>();
        graph.forEachParameter((name, array) -> copies.put(name, array.dup()));
        kept = copies;
        keptEpoch = history.size();
    }

    /** Sets the weights to those last kept, if any were; the history stays as it is. */
    public void restoreKeptWeights() {
        graph.forEachParameter((name, array) -> {
            INDArray copy = kept.get(name);
            if (copy != null) {
                array.assign(copy);
            }
        });
    }

    /** The epoch whose weights {@link #keepWeights()} last kept; 0 if none were. */
    public int keptEpoch() {
        return keptEpoch;
    }

    /** The finished epochs. */
    public List<EpochStats> history() {
        return List.copyOf(history);
    }

    /** The epoch in progress, or the next one between epochs; past the last when finished. */
    public int epoch() {
        return epoch;
    }

    /** The steps taken in the epoch in progress; 0 between epochs. */
    public int batchesDone() {
        return batches == null ? 0 : batches.batchesDone();
    }

    /** The steps of an epoch. */
    public int batchesPerEpoch() {
        int size = graph.config().batchSize();
        return (train.size() + size - 1) / size;
    }

    /** The most parts each step splits a batch into, each computed on its own thread. */
    public int threads() {
        return trainer.threads();
    }

    /** The model with the weights as they are now. */
    public TrainedVae model() {
        return new TrainedVae(graph, history, train.rows(), dataColumns(), standardization);
    }

    /**
     * Writes the run as it stands to a checkpoint, atomically: a model file (which {@code vae evaluate}
     * reads) with the training state beside the weights.
     *
     * @throws TrainingDivergedException if a weight is not finite
     */
    public void saveCheckpoint(Path file) throws IOException {
        if (batchesDone() > 0) {
            // Between epochs the end of the last one has checked them, or the model file they came from.
            guard.checkWeights(epoch);
        }
        Map<String, INDArray> optimizer = new LinkedHashMap<>();
        trainer.state().forEach((name, state) -> optimizer.put(name, state.dup()));
        kept.forEach((name, weights) -> optimizer.put(KEPT + name, weights));
        ModelFile.write(file, graph, history, train.rows(), dataColumns(), standardization,
                Optional.of(new ModelFile.TrainingState(state(), optimizer)));
    }

    /** The columns of x, those of the data less any moved into the condition. */
    private int dataColumns() {
        return graph.config().condition().dataWidth(train.cols());
    }

    private JsonObject state() {
        JsonObject json = new JsonObject();
        json.addProperty("format", FORMAT);
        json.addProperty("epoch", epoch);
        json.addProperty("batchesDone", batchesDone());
        json.addProperty("iteration", trainer.iteration());
        if (!Double.isNaN(referenceLoss)) {
            json.addProperty("referenceLoss", referenceLoss);
        }
        json.add("sums", sums.toJson());
        json.add("trainNoise", states(trainNoise));
        json.add("validationNoise", states(validationNoise));
        JsonArray seconds = new JsonArray();
        history.forEach(s -> seconds.add(s.seconds()));
        json.add("seconds", seconds);
        json.addProperty("trainExamples", train.size());
        json.addProperty("validationExamples", validation.size());
        json.addProperty("trainSha256", trainFingerprint);
        json.addProperty("threads", ompThreads());
        json.addProperty("stepThreads", trainer.threads());
        if (stoppedAfter > 0) {
            json.addProperty("stoppedAfter", stoppedAfter);
        }
        if (keptEpoch > 0) {
            json.addProperty("keptEpoch", keptEpoch);
        }
        return json;
    }

    private static JsonArray states(Random rng) {
        JsonArray states = new JsonArray();
        states.add(rng.rootState());
        states.add(rng.nodeState());
        return states;
    }

    /** The running sums of an epoch, weighting each batch by its size. */
    private static final class EpochSums {
        private double loss;
        private double nelbo;
        private long examples;
        private double seconds;

        EpochSums() {
        }

        EpochSums(JsonObject json) {
            loss = json.get("loss").getAsDouble();
            nelbo = json.get("nelbo").getAsDouble();
            examples = json.get("examples").getAsLong();
            seconds = json.get("seconds").getAsDouble();
        }

        void add(Trainer.Step step, long rows, double stepSeconds) {
            loss += step.loss() * rows;
            nelbo += step.nelbo() * rows;
            examples += rows;
            seconds += stepSeconds;
        }

        double meanLoss() {
            return loss / examples;
        }

        double meanNelbo() {
            return nelbo / examples;
        }

        double seconds() {
            return seconds;
        }

        JsonObject toJson() {
            JsonObject json = new JsonObject();
            json.addProperty("loss", loss);
            json.addProperty("nelbo", nelbo);
            json.addProperty("examples", examples);
            json.addProperty("seconds", seconds);
            return json;
        }
    }
}
