package dev.vae.app.cli;

import dev.vae.app.ui.UiServer;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** Serves the page of the runs in a folder until the process is stopped. */
@Command(name = "ui", mixinStandardHelpOptions = true,
        description = "Serve a page listing the runs of a folder, with their configuration and figures, "
                + "until stopped with Ctrl-C. Only GET requests that read the runs folder are answered.")
final class UiCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--runs", paramLabel = "DIR", defaultValue = "runs", description = "Folder of the runs (default: ${DEFAULT-VALUE}).")
    Path runs;

    @Option(names = "--port", paramLabel = "P", description = "Port to serve on (default: "
            + UiServer.DEFAULT_PORT + ", or the next free one).")
    Integer port;

    @Option(names = "--host", paramLabel = "H", defaultValue = "127.0.0.1",
            description = "Address to serve on (default: ${DEFAULT-VALUE}, this machine only).")
    String host;

    @Override
    public Integer call() throws Exception {
        if (port != null && (port < 1 || port > 65535)) {
            throw new UserError("--port must be between 1 and 65535, not " + port);
        }
        UiServer server = UiServer.start(runs, host, port);
        PrintWriter out = spec.commandLine().getOut();
        out.println("vae ui: the runs of " + runs + " at " + server.uri() + " (Ctrl-C to stop)");
        out.flush();
        new CountDownLatch(1).await();
        return ExitCodes.OK;
    }
}
