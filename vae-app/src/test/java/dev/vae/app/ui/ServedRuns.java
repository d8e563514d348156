package dev.vae.app.ui;

import dev.vae.app.cli.AppProcess;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A runs folder of the test's own, served by the page's server on a free port of the loopback
 * address in the test's JVM, and filled by the packaged app training in child JVMs as a user's
 * {@code vae train} does.
 */
final class ServedRuns implements AutoCloseable {
    private final Path dir;
    private final Path runs;
    private final UiServer server;

    private ServedRuns(Path dir, Path runs, UiServer server) {
        this.dir = dir;
        this.runs = runs;
        this.server = server;
    }

    /** Serves {@code dir/runs}, created empty; {@code dir} also keeps the trainings' output streams. */
    static ServedRuns start(Path dir) throws IOException {
        Path runs = Files.createDirectory(dir.resolve("runs"));
        return new ServedRuns(dir, runs, UiServer.start(runs, "127.0.0.1", 0));
    }

    /** The page. */
    URI uri() {
        return server.uri();
    }

    Path runs() {
        return runs;
    }

    /**
     * Starts {@code vae train --output RUNS/NAME OPTIONS}; its output goes to {@code NAME.out} and
     * {@code NAME.err} beside the runs folder.
     */
    Process startTraining(String name, String... options) throws IOException {
        List<String> args = new ArrayList<>(List.of("train", "--output", runs.resolve(name).toString()));
        args.addAll(List.of(options));
        return new AppProcess(dir).start(name, Map.of(), args.toArray(String[]::new));
    }

    /** Waits for a training from {@link #startTraining} to end; fails with its error stream unless it succeeded. */
    void finish(String name, Process training) throws IOException, InterruptedException {
        AppProcess.Run run = new AppProcess(dir).await(name, training);
        if (run.code() != 0) {
            throw new AssertionError("vae train of " + name + " exited with " + run.code() + ":\n" + run.err());
        }
    }

    @Override
    public void close() {
        server.close();
    }
}
