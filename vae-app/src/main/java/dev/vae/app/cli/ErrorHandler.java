package dev.vae.app.cli;

import dev.vae.core.TrainingDivergedException;
import dev.vae.core.plugin.PluginException;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.NoSuchFileException;
import java.util.List;
import picocli.CommandLine;

/**
 * Turns failures into one line on standard error and an exit code. Mistakes in the user's input
 * (options, files, plugin names, plugin jars) exit with {@link ExitCodes#USAGE}; anything else with
 * {@link ExitCodes#FAILURE}. {@code --debug} adds the stack trace.
 */
final class ErrorHandler implements CommandLine.IExecutionExceptionHandler, CommandLine.IParameterExceptionHandler {
    private static final int MAX_SUGGESTIONS = 3;

    @Override
    public int handleParseException(CommandLine.ParameterException e, String[] args) {
        PrintWriter err = e.getCommandLine().getErr();
        String command = e.getCommandLine().getCommandSpec().qualifiedName();
        err.println(prefix(e.getCommandLine()) + e.getMessage() + suggestion(e) + " (see " + command + " --help)");
        return ExitCodes.USAGE;
    }

    /** Picocli's nearest names for a mistyped option or command, as "; did you mean ...?", or nothing. */
    private static String suggestion(CommandLine.ParameterException e) {
        if (!(e instanceof CommandLine.UnmatchedArgumentException unmatched) || unmatched.getSuggestions().isEmpty()) {
            return "";
        }
        List<String> names = unmatched.getSuggestions();
        return "; did you mean " + String.join(" or ", names.subList(0, Math.min(names.size(), MAX_SUGGESTIONS))) + "?";
    }

    @Override
    public int handleExecutionException(Exception thrown, CommandLine cli, CommandLine.ParseResult parsed) {
        PrintWriter err = cli.getErr();
        Exception e = thrown instanceof UncheckedIOException unchecked ? unchecked.getCause() : thrown;
        if (debug(parsed)) {
            e.printStackTrace(err);
        }
        if (isUserError(e)) {
            err.println(prefix(cli) + message(e));
            return ExitCodes.USAGE;
        }
        if (e instanceof TrainingDivergedException) {
            err.println(prefix(cli) + e.getMessage());
            return ExitCodes.FAILURE;
        }
        err.println(prefix(cli) + "failed: " + e + (debug(parsed) ? "" : " (run with --debug for the stack trace)"));
        return ExitCodes.FAILURE;
    }

    private static boolean isUserError(Exception e) {
        return e instanceof UserError || e instanceof IllegalArgumentException || e instanceof IOException
                || e instanceof PluginException;
    }

    private static String message(Exception e) {
        if (e instanceof NoSuchFileException) {
            return "not found: " + e.getMessage();
        }
        if (e instanceof AccessDeniedException) {
            return "cannot write " + e.getMessage() + " (permission denied)";
        }
        if (e instanceof FileAlreadyExistsException) {
            return e.getMessage() + " exists";
        }
        return e.getMessage();
    }

    private static String prefix(CommandLine cli) {
        return cli.getCommandSpec().qualifiedName() + ": ";
    }

    private static boolean debug(CommandLine.ParseResult parsed) {
        for (CommandLine.ParseResult p = parsed; p != null; p = p.subcommand()) {
            if (p.hasMatchedOption("--debug")) {
                return true;
            }
        }
        return false;
    }
}
