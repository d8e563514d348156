package dev.vae.app.cli;

import dev.vae.app.run.RunMarker;
import dev.vae.core.Vae;
import dev.vae.core.data.ImageSet;
import java.io.IOException;
import java.nio.file.Path;
import picocli.CommandLine;

/**
 * A run read back from the options its marker records, for those who look at the run rather than
 * continue it: the framework with the plugins its model needs, and its validation data, which the
 * run's seed chooses as training chose them.
 */
public final class RecordedRun {
    private final TrainCommand command;

    private RecordedRun(TrainCommand command) {
        this.command = command;
    }

    /**
     * The run of a folder that {@code vae train} wrote.
     *
     * @throws IOException if the folder has no marker, or one whose options this vae does not accept
     */
    public static RecordedRun read(Path folder) throws IOException {
        RunMarker marker = RunMarker.read(folder);
        TrainCommand command = new TrainCommand();
        try {
            new CommandLine(command).parseArgs(marker.args().toArray(String[]::new));
        } catch (CommandLine.ParameterException e) {
            throw new IOException(folder.resolve(RunMarker.FILE) + " records options this vae does not accept ("
                    + e.getMessage() + ")");
        }
        return new RecordedRun(command);
    }

    /** The framework over the built-in plugins and those of the run's plugin folders. */
    public Vae vae() {
        return command.plugins.vae();
    }

    /**
     * The examples the run validated on, in the data's own units.
     *
     * @throws IOException if the data can no longer be read where the run read them
     * @throws IllegalStateException if the recorded data options are not valid
     */
    public ImageSet validation() throws IOException {
        try {
            return command.data.load(command.model.seed).test();
        } catch (UserError e) {
            throw new IllegalStateException(e.getMessage(), e);
        }
    }

    /** Whether the examples carry labels (a CSV file's rows have none without --label-column). */
    public boolean labelled() {
        return command.data.labelled();
    }
}
