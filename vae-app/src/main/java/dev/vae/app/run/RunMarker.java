package dev.vae.app.run;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonParseException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;

/**
 * {@value #FILE}: what marks a folder as a run that {@code vae train} wrote, whether it is still
 * training or complete, and the options it was started with, from which {@code --resume} continues it.
 *
 * @param format always {@value #FORMAT}
 * @param version the marker's format version
 * @param status {@code training} until the run is complete
 * @param args the options of {@code vae train} that define the run, paths absolute
 * @param overwrite whether the run replaces an earlier run at its output when it completes
 */
public record RunMarker(String format, int version, String status, List<String> args, boolean overwrite) {
    /** The marker's file name in a run folder. */
    public static final String FILE = "run.json";
    static final String FORMAT = "dev.vae.run";
    static final String TRAINING = "training";
    static final String COMPLETE = "complete";
    private static final Gson GSON = new GsonBuilder().setPrettyPrinting().disableHtmlEscaping().create();

    /** The marker of a run that starts training. */
    public static RunMarker training(List<String> args, boolean overwrite) {
        return new RunMarker(FORMAT, 1, TRAINING, List.copyOf(args), overwrite);
    }

    RunMarker complete() {
        return new RunMarker(format, version, COMPLETE, args, overwrite);
    }

    boolean isComplete() {
        return COMPLETE.equals(status);
    }

    void write(Path folder) throws IOException {
        AtomicWrite.string(folder.resolve(FILE), GSON.toJson(this) + "\n");
    }

    /**
     * The marker of a folder.
     *
     * @throws NotARunException if the folder has none, or one that is not a run's
     */
    public static RunMarker read(Path folder) throws IOException {
        try {
            RunMarker marker = GSON.fromJson(Files.readString(folder.resolve(FILE), StandardCharsets.UTF_8), RunMarker.class);
            if (marker == null || !FORMAT.equals(marker.format()) || marker.args() == null || marker.status() == null) {
                throw new NotARunException(folder, "its " + FILE + " is not a run marker");
            }
            return marker;
        } catch (NoSuchFileException e) {
            throw new NotARunException(folder, "it has no " + FILE);
        } catch (JsonParseException e) {
            throw new NotARunException(folder, "its " + FILE + " is not a run marker");
        }
    }
}
