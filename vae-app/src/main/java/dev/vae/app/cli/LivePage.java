package dev.vae.app.cli;

import dev.vae.app.ui.UiServer;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;

/**
 * The page of {@code vae ui} opened by {@code vae train --ui} on the run it trains: served from the
 * folder that holds the run, so that the run's earlier siblings can be compared with it, and kept up
 * once the run is complete until Ctrl-C, so that its finished state can be explored.
 */
final class LivePage implements AutoCloseable {
    private final UiServer server;

    private LivePage(UiServer server) {
        this.server = server;
    }

    /** Serves the folder of {@code target} on this machine's first free port from 8080. */
    static LivePage open(Path target, PrintWriter out) throws IOException {
        Path absolute = target.toAbsolutePath().normalize();
        UiServer server = UiServer.start(absolute.getParent(), "127.0.0.1", null);
        String name = absolute.getFileName().toString();
        out.println("vae train: the run's page is " + server.uri() + "#run="
                + URLEncoder.encode(name, StandardCharsets.UTF_8).replace("+", "%20"));
        out.flush();
        return new LivePage(server);
    }

    /** Keeps serving until the process is stopped. */
    void serveUntilStopped(PrintWriter out) throws InterruptedException {
        out.println("vae train: the page stays at " + server.uri() + " until Ctrl-C");
        out.flush();
        new CountDownLatch(1).await();
    }

    @Override
    public void close() {
        server.close();
    }
}
