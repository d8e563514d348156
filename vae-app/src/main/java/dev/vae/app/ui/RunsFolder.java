package dev.vae.app.ui;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import dev.vae.app.run.ProgressFile;
import dev.vae.app.run.RunFolder;
import dev.vae.app.run.RunMarker;
import dev.vae.app.run.RunSummary;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The runs of one folder, read afresh on every request so that a run started or finished since
 * appears as it is. A run is named by its folder: {@code NAME} once complete, {@code .NAME.partial}
 * while it trains or after it stopped, and only such direct children are ever read.
 */
final class RunsFolder {
    private static final String STAGING_SUFFIX = ".partial";

    private final Path root;

    RunsFolder(Path root) {
        this.root = root.toAbsolutePath().normalize();
    }

    Path root() {
        return root;
    }

    /** Every run, each an entry with its status, configuration and final figures, or with the error that kept them from being read. */
    JsonArray list() throws IOException {
        JsonArray runs = new JsonArray();
        if (!Files.isDirectory(root)) {
            return runs;
        }
        List<Path> folders;
        try (Stream<Path> children = Files.list(root)) {
            folders = children.filter(RunsFolder::isRunPlace).sorted(Comparator.comparing(Path::getFileName)).toList();
        }
        for (Path folder : folders) {
            runs.add(entry(folder));
        }
        return runs;
    }

    /**
     * The folder of the run called {@code id}, if {@code id} names a run directly under the root; for
     * the staging folder of a run completed since, the run's own folder, so that a page that polled
     * the run as it trained follows it once it is complete.
     */
    Optional<Path> run(String id) {
        if (!isPlainName(id)) {
            return Optional.empty();
        }
        Optional<Path> folder = place(id);
        return folder.isPresent() || !isStaging(id) ? folder : place(nameOf(id));
    }

    /** The folder {@code id} names, if it is a run's place directly under the root. */
    private Optional<Path> place(String id) {
        Path folder = root.resolve(id).normalize();
        return folder.getParent().equals(root) && isRunPlace(folder) ? Optional.of(folder) : Optional.empty();
    }

    private static String nameOf(String id) {
        return isStaging(id) ? id.substring(1, id.length() - STAGING_SUFFIX.length()) : id;
    }

    /** A single path segment that names no folder but its own: no separator, no {@code .} or {@code ..}. */
    static boolean isPlainName(String id) {
        return !id.isEmpty() && !id.equals(".") && !id.equals("..") && id.chars().noneMatch(c -> c == '/' || c == '\\' || c < 0x20)
                && !id.contains(":");
    }

    /** A real folder (no symbolic link out of the root) that is visible or a staging folder. */
    private static boolean isRunPlace(Path folder) {
        String name = folder.getFileName().toString();
        boolean staging = name.startsWith(".") && name.endsWith(STAGING_SUFFIX) && name.length() > 1 + STAGING_SUFFIX.length();
        return (staging || !name.startsWith(".")) && Files.isDirectory(folder, LinkOption.NOFOLLOW_LINKS);
    }

    /** The run's entry: its status, configuration, progress, model summary and final figures, or the error that kept them from being read. */
    JsonObject entry(Path folder) {
        String id = folder.getFileName().toString();
        JsonObject run = new JsonObject();
        run.addProperty("id", id);
        run.addProperty("name", nameOf(id));
        try {
            RunMarker marker = RunMarker.read(folder);
            JsonElement progress = jsonFile(folder, ProgressFile.FILE);
            run.addProperty("status", status(folder, marker, progress));
            run.add("config", jsonFile(folder, "config.json"));
            run.add("progress", progress);
            run.add("summary", jsonFile(folder, RunSummary.FILE));
            HistoryTable history = HistoryTable.read(folder.resolve("history.csv"));
            run.addProperty("epochs", history.epochs());
            run.add("final", history.finalFigures());
        } catch (IOException | UncheckedIOException e) {
            run.addProperty("status", "error");
            run.addProperty("error", e.getMessage());
        }
        return run;
    }

    private static boolean isStaging(String id) {
        return id.startsWith(".") && id.endsWith(STAGING_SUFFIX);
    }

    /**
     * complete, training (a live process holds the run's lock), failed (its last progress says so: an
     * error ended training after a checkpoint, which kept the folder), or stopped (killed or
     * interrupted).
     */
    private static String status(Path folder, RunMarker marker, JsonElement progress) throws IOException {
        if (!isStaging(folder.getFileName().toString())) {
            return marker.status();
        }
        if (RunFolder.isBeingWritten(folder)) {
            return "training";
        }
        boolean failed = progress != null && progress.isJsonObject() && progress.getAsJsonObject().has("state")
                && "failed".equals(progress.getAsJsonObject().get("state").getAsString());
        return failed ? "failed" : "stopped";
    }

    /** A JSON file of the run, null if it has none (yet). */
    private static JsonElement jsonFile(Path folder, String name) throws IOException {
        Path file = folder.resolve(name);
        if (!Files.isRegularFile(file)) {
            return null;
        }
        try {
            return JsonParser.parseString(Files.readString(file, StandardCharsets.UTF_8));
        } catch (JsonParseException e) {
            throw new IOException(file + " is not JSON: " + e.getMessage());
        }
    }
}
