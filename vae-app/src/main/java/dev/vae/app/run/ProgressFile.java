package dev.vae.app.run;

import com.google.gson.GsonBuilder;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalDouble;

/**
 * {@value #FILE}: where a run stands, for a page that watches it: the epoch, the examples and steps
 * done, the rate and the time left, and whether it trains, finished, was stopped or failed.
 * Rewritten whole at most once a second while training, and at each epoch's end and at the end.
 */
public final class ProgressFile {
    public static final String FILE = "progress.json";
    private static final long WRITE_NANOS = 1_000_000_000L;

    /** What the run is doing. */
    public enum State {
        TRAINING, FINISHED, STOPPED, FAILED
    }

    private final Path file;
    private final int epochs;
    private int epoch;
    private long examplesDone;
    private long examplesPerEpoch;
    private long step;
    private OptionalDouble rate = OptionalDouble.empty();
    private OptionalDouble secondsLeft = OptionalDouble.empty();
    private long lastWrite;
    private boolean written;

    /**
     * @param epochs the run's epochs in all
     * @param examplesPerEpoch the training examples
     */
    public ProgressFile(RunFolder folder, int epochs, long examplesPerEpoch) {
        this.file = folder.file(FILE);
        this.epochs = epochs;
        this.examplesPerEpoch = examplesPerEpoch;
        this.epoch = 1;
    }

    /** Where the run stands after a step, or after the checkpoint it resumes from. */
    public void position(int epoch, long examplesDone, long examplesPerEpoch, long step) {
        this.epoch = epoch;
        this.examplesDone = examplesDone;
        this.examplesPerEpoch = examplesPerEpoch;
        this.step = step;
    }

    /**
     * Where a run stands between two steps: in {@code epoch} (past the last when it is finished)
     * after {@code batchesDone} batches of {@code batchSize}, the last of an epoch perhaps smaller.
     */
    public void betweenSteps(int epoch, int batchesDone, int batchSize, long step) {
        position(Math.min(epoch, epochs), Math.min(examplesPerEpoch, (long) batchesDone * batchSize), examplesPerEpoch,
                step);
    }

    /** The rate and the time left as the terminal shows them; empty while warming up. */
    public void estimate(OptionalDouble examplesPerSecond, OptionalDouble secondsLeft) {
        this.rate = examplesPerSecond;
        this.secondsLeft = secondsLeft;
    }

    /** Writes the state of a training run if a second has passed since the last write. */
    public void writeIfDue() throws IOException {
        if (!written || System.nanoTime() - lastWrite >= WRITE_NANOS) {
            write(State.TRAINING, null);
        }
    }

    /**
     * Writes the file now.
     *
     * @param error the one-line reason of a failed run; null otherwise
     */
    public void write(State state, String error) throws IOException {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("epoch", epoch);
        json.put("epochs", epochs);
        json.put("examples_done", examplesDone);
        json.put("examples_per_epoch", examplesPerEpoch);
        json.put("step", step);
        json.put("examples_per_second", finite(rate));
        json.put("eta_seconds", state == State.FINISHED ? Double.valueOf(0) : state == State.TRAINING
                ? finite(secondsLeft) : null);
        json.put("state", state.name().toLowerCase(Locale.ROOT));
        if (state == State.FAILED) {
            json.put("error", error == null ? "" : error.lines().findFirst().orElse(""));
        }
        json.put("updated", Instant.now().toString());
        AtomicWrite.string(file, new GsonBuilder().serializeNulls().create().toJson(json) + "\n");
        lastWrite = System.nanoTime();
        written = true;
    }

    private static Double finite(OptionalDouble value) {
        return value.isPresent() && Double.isFinite(value.getAsDouble()) ? value.getAsDouble() : null;
    }
}
