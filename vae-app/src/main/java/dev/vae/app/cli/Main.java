package dev.vae.app.cli;

import com.google.inject.Guice;
import com.google.inject.Injector;
import dev.vae.core.DiscoveredPlugins;
import dev.vae.core.PluginException;
import dev.vae.core.PluginModule;
import java.io.PrintWriter;
import picocli.CommandLine;

/** Starts the command line: one injector for the whole run, then picocli. */
public final class Main {

    private Main() {
    }

    /** Runs a command and exits with its code. */
    public static void main(String[] args) {
        System.setProperty("java.awt.headless", "true");
        System.exit(run(args, new PrintWriter(System.out, true), new PrintWriter(System.err, true)));
    }

    /** Runs a command with the given output streams and returns its exit code. */
    public static int run(String[] args, PrintWriter out, PrintWriter err) {
        Injector injector;
        try {
            injector = Guice.createInjector(new PluginModule(DiscoveredPlugins.find()));
        } catch (PluginException e) {
            err.println("vae: " + e.getMessage());
            return ExitCodes.FAILURE;
        }
        return commandLine(injector, out, err).execute(args);
    }

    static CommandLine commandLine(Injector injector, PrintWriter out, PrintWriter err) {
        CommandLine cli = new CommandLine(VaeCommand.class, new GuiceFactory(injector));
        cli.setOut(out);
        cli.setErr(err);
        ErrorHandler handler = new ErrorHandler();
        cli.setExecutionExceptionHandler(handler);
        cli.setParameterExceptionHandler(handler);
        return cli;
    }
}
