package dev.vae.app.run;

import dev.vae.core.EpochStats;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Locale;

/**
 * A run's {@code history.csv}, one line per finished epoch as it ends, so that it can be watched, and
 * its {@code timings.csv}, apart, so that one seed gives a byte-identical history. A resumed run
 * rewrites both from its checkpoint first, which drops a line that a kill left unfinished or that an
 * epoch after the checkpoint wrote.
 */
public final class RunHistory {
    static final String HISTORY = "history.csv";
    static final String TIMINGS = "timings.csv";

    private final RunFolder folder;

    private RunHistory(RunFolder folder) {
        this.folder = folder;
    }

    /** The files of {@code folder}, rewritten to hold {@code history} and nothing after it. */
    public static RunHistory rewrite(RunFolder folder, List<EpochStats> history) throws IOException {
        StringBuilder lines = new StringBuilder("epoch,train_loss,train_nelbo,val_nelbo\n");
        StringBuilder timings = new StringBuilder("epoch,seconds\n");
        for (EpochStats s : history) {
            lines.append(historyLine(s));
            timings.append(timingLine(s));
        }
        AtomicWrite.string(folder.file(HISTORY), lines.toString());
        AtomicWrite.string(folder.file(TIMINGS), timings.toString());
        return new RunHistory(folder);
    }

    /** Adds a finished epoch to both files. */
    public void append(EpochStats stats) throws IOException {
        Files.writeString(folder.file(HISTORY), historyLine(stats), StandardCharsets.UTF_8, StandardOpenOption.APPEND);
        Files.writeString(folder.file(TIMINGS), timingLine(stats), StandardCharsets.UTF_8, StandardOpenOption.APPEND);
    }

    private static String historyLine(EpochStats s) {
        return String.format(Locale.ROOT, "%d,%.6f,%.6f,%.6f%n", s.epoch(), s.trainLoss(), s.trainNelbo(), s.validationNelbo());
    }

    private static String timingLine(EpochStats s) {
        return String.format(Locale.ROOT, "%d,%.3f%n", s.epoch(), s.seconds());
    }
}
