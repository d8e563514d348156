package dev.vae.app.run;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Locale;

/**
 * {@value #FILE}: a line per training step, appended as the run goes, so that a page can draw the
 * loss of every step while it trains. Lines are written at most every half second and at each
 * epoch's end, whole, so that a kill leaves at worst a last line without its newline, which readers
 * drop. A resumed run rewrites the file first, keeping the steps up to its checkpoint's: the steps
 * after it are taken again.
 */
public final class BatchLog implements AutoCloseable {
    public static final String FILE = "batches.csv";
    static final String HEADER = "step,epoch,examples,seconds,loss";
    private static final long FLUSH_NANOS = 500_000_000L;

    private final OutputStream out;
    private final StringBuilder pending = new StringBuilder();
    private final double secondsBefore;
    private final long started = System.nanoTime();
    private long lastFlush = started;

    private BatchLog(Path file, double secondsBefore) throws IOException {
        this.out = Files.newOutputStream(file, StandardOpenOption.APPEND);
        this.secondsBefore = secondsBefore;
    }

    /**
     * The log of a run that continues from the end of step {@code step} (0 for a run that starts),
     * its lines after that step dropped; its clock continues from the last line kept.
     */
    public static BatchLog open(RunFolder folder, long step) throws IOException {
        Path file = folder.file(FILE);
        StringBuilder kept = new StringBuilder(HEADER).append('\n');
        double seconds = 0;
        for (String line : completeLines(file)) {
            String[] cells = line.split(",");
            if (cells.length == 5 && isStep(cells[0]) && Long.parseLong(cells[0]) <= step) {
                kept.append(line).append('\n');
                seconds = Double.parseDouble(cells[3]);
            }
        }
        AtomicWrite.string(file, kept.toString());
        return new BatchLog(file, seconds);
    }

    private static boolean isStep(String cell) {
        return !cell.isEmpty() && cell.chars().allMatch(Character::isDigit);
    }

    /** The file's lines that end with a newline; none if there is no file. */
    private static List<String> completeLines(Path file) throws IOException {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            return List.of();
        }
        int end = text.lastIndexOf('\n');
        return end < 0 ? List.of() : text.substring(0, end).lines().toList();
    }

    /**
     * Records a step.
     *
     * @param step the run's steps so far, this one included
     * @param examples the examples done in this epoch after the step
     */
    public void step(long step, int epoch, long examples, double loss) throws IOException {
        long now = System.nanoTime();
        pending.append(String.format(Locale.ROOT, "%d,%d,%d,%.3f,%.6f\n", step, epoch, examples,
                secondsBefore + (now - started) / 1e9, loss));
        if (now - lastFlush >= FLUSH_NANOS) {
            flush();
        }
    }

    /** Writes the steps recorded since the last write. */
    public void flush() throws IOException {
        out.write(pending.toString().getBytes(StandardCharsets.UTF_8));
        out.flush();
        pending.setLength(0);
        lastFlush = System.nanoTime();
    }

    /** Writes what is left, and closes the file. */
    @Override
    public void close() throws IOException {
        try (out) {
            flush();
        }
    }
}
