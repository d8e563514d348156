package dev.vae.app.cli;

import java.io.PrintWriter;

/**
 * One line redrawn in place on a terminal, at most ten times a second, and wiped when the work is
 * done; off a terminal it prints nothing, so that logs hold only results.
 */
final class ProgressBar {
    private static final int WIDTH = 30;
    private static final int LINE = 100;
    private static final long REDRAW_NANOS = 100_000_000L;

    private final PrintWriter out;
    private final boolean terminal;
    private long lastDraw;

    ProgressBar(PrintWriter out, boolean terminal) {
        this.out = out;
        this.terminal = terminal;
    }

    /** Draws {@code label [###...] done/total suffix}; always when done equals total. */
    void draw(String label, long done, long total, String suffix) {
        long now = System.nanoTime();
        if (!terminal || (now - lastDraw < REDRAW_NANOS && done < total)) {
            return;
        }
        lastDraw = now;
        int filled = (int) (WIDTH * done / total);
        out.printf("\r%s [%s%s] %d/%d  %s ", label, "#".repeat(filled), ".".repeat(WIDTH - filled), done, total, suffix);
        out.flush();
    }

    /** Wipes the line, before a result is printed in its place. */
    void clear() {
        if (terminal) {
            out.print("\r" + " ".repeat(LINE) + "\r");
            out.flush();
        }
    }

    /** Seconds as m:ss, or h:mm:ss from an hour. */
    static String clock(double seconds) {
        long s = Math.round(seconds);
        return s >= 3600 ? String.format("%d:%02d:%02d", s / 3600, s / 60 % 60, s % 60)
                : String.format("%d:%02d", s / 60, s % 60);
    }
}
