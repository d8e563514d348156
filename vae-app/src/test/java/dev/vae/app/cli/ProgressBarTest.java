package dev.vae.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;

/** The bar on a terminal and its silence elsewhere. */
class ProgressBarTest {
    private final StringWriter text = new StringWriter();

    @Test
    void onATerminalItRedrawsOneLineAndWipesIt() {
        ProgressBar bar = new ProgressBar(new PrintWriter(text), true);

        bar.draw("importance sampling", 500, 2000, "1:30 left");
        assertThat(text.toString()).isEqualTo("\rimportance sampling [#######.......................] 500/2000  1:30 left ");

        bar.draw("importance sampling", 2000, 2000, "0:00 left");
        assertThat(text.toString()).as("the last one always shows").contains("[" + "#".repeat(30) + "] 2000/2000");

        bar.clear();
        assertThat(text.toString()).endsWith("\r" + " ".repeat(100) + "\r");
    }

    @Test
    void offATerminalItPrintsNothing() {
        ProgressBar bar = new ProgressBar(new PrintWriter(text), false);
        bar.draw("epoch 1/50", 100, 8000, "8,000 samples/s");
        bar.clear();
        assertThat(text.toString()).isEmpty();
    }

    @Test
    void timesReadAsClockTimes() {
        assertThat(ProgressBar.clock(59.6)).isEqualTo("1:00");
        assertThat(ProgressBar.clock(283.7)).isEqualTo("4:44");
        assertThat(ProgressBar.clock(3 * 3600 + 62)).isEqualTo("3:01:02");
    }
}
