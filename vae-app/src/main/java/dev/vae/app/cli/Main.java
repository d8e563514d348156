package dev.vae.app.cli;

import java.io.PrintWriter;
import picocli.CommandLine;

/** Starts the command line. */
public final class Main {

    private Main() {
    }

    /** Runs a command and exits with its code. */
    public static void main(String[] args) {
        System.setProperty("java.awt.headless", "true");
        System.exit(run(args, new PrintWriter(System.out, true), new PrintWriter(System.err, true)));
    }

    /**
     * Runs a command with the given output streams and returns its exit code. An {@link Error} that
     * escapes the command (a plugin recursing without end, memory exhausted) ends as one line too,
     * naming the module whose code was running, as any other failure does.
     */
    public static int run(String[] args, PrintWriter out, PrintWriter err) {
        try {
            return commandLine(out, err).execute(args);
        } catch (Error e) {
            if (java.util.Arrays.asList(args).contains("--debug")) {
                e.printStackTrace(err);
            }
            err.println("vae: failed: " + ErrorOrigin.describe(e));
            return ExitCodes.FAILURE;
        }
    }

    static CommandLine commandLine(PrintWriter out, PrintWriter err) {
        CommandLine cli = new CommandLine(VaeCommand.class);
        cli.setOut(out);
        cli.setErr(err);
        ErrorHandler handler = new ErrorHandler();
        cli.setExecutionExceptionHandler(handler);
        cli.setParameterExceptionHandler(handler);
        return cli;
    }
}
