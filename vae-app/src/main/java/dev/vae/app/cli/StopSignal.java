package dev.vae.app.cli;

import java.util.ArrayList;
import java.util.List;
import sun.misc.Signal;
import sun.misc.SignalHandler;

/**
 * Turns SIGINT (Ctrl-C) and SIGTERM into a request that training stops at the next step, so that the
 * run can save its checkpoint and exit 130 or 143 as the shell expects. A second signal ends the
 * process at once; the last checkpoint on disk stays whole, being written by rename.
 */
final class StopSignal implements AutoCloseable {
    private static final List<String> SIGNALS = List.of("INT", "TERM");

    private final List<Signal> installed = new ArrayList<>();
    private final List<SignalHandler> previous = new ArrayList<>();
    private volatile Signal received;

    private StopSignal() {
    }

    /** Handles the two signals until {@link #close()} restores the handlers there were before. */
    static StopSignal install() {
        StopSignal stop = new StopSignal();
        for (String name : SIGNALS) {
            Signal signal = new Signal(name);
            stop.previous.add(Signal.handle(signal, stop::receive));
            stop.installed.add(signal);
        }
        return stop;
    }

    private void receive(Signal signal) {
        if (received != null) {
            Runtime.getRuntime().halt(exitCode(signal));
        }
        received = signal;
    }

    /** Whether a signal has asked training to stop. */
    boolean requested() {
        return received != null;
    }

    /** What the shell reports for a process that a signal stopped: 128 + its number. */
    int exitCode() {
        return exitCode(received);
    }

    private static int exitCode(Signal signal) {
        return 128 + signal.getNumber();
    }

    /** The signal's name, as in SIGINT. */
    String name() {
        return "SIG" + received.getName();
    }

    @Override
    public void close() {
        for (int i = 0; i < installed.size(); i++) {
            Signal.handle(installed.get(i), previous.get(i));
        }
    }
}
