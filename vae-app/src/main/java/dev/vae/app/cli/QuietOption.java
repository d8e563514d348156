package dev.vae.app.cli;

import java.io.PrintWriter;
import java.io.Writer;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;

/** {@code --quiet}: a command prints its results and errors, and nothing on the way. */
final class QuietOption {
    @Option(names = {"-q", "--quiet"},
            description = "Print only the results and errors: no summary, progress bar or per-epoch lines.")
    boolean quiet;

    /** Where a command says what it is doing: its output, or nowhere under --quiet. */
    PrintWriter chatter(CommandSpec spec) {
        return quiet ? new PrintWriter(Writer.nullWriter()) : spec.commandLine().getOut();
    }
}
