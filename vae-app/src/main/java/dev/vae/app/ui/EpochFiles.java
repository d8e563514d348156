package dev.vae.app.ui;

import dev.vae.app.run.EpochViews;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.OptionalInt;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * A run's files of one epoch each, {@code epochs/latent-EEEE.csv} and {@code epochs/manifold-EEEE.png}.
 * A file's name is built from the epoch's number, never taken from a request.
 */
enum EpochFiles {
    LATENT("latent", "csv", "latent codes"),
    MANIFOLD("manifold", "png", "manifold picture");

    private final String prefix;
    private final String extension;
    private final String what;
    private final Pattern name;

    EpochFiles(String prefix, String extension, String what) {
        this.prefix = prefix;
        this.extension = extension;
        this.what = what;
        this.name = Pattern.compile(Pattern.quote(prefix) + "-(\\d{4,9})\\." + extension);
    }

    /** The epochs that have a file, ascending. */
    List<Integer> epochs(Path run) throws IOException {
        Path folder = run.resolve(EpochViews.FOLDER);
        if (!Files.isDirectory(folder, LinkOption.NOFOLLOW_LINKS)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(folder)) {
            return files.map(f -> name.matcher(f.getFileName().toString())).filter(Matcher::matches)
                    .map(m -> Integer.parseInt(m.group(1))).sorted().toList();
        }
    }

    /**
     * The file of epoch {@code epoch}, or of the last epoch with one.
     *
     * @throws ApiError 404 if there is none
     */
    Path file(Path run, OptionalInt epoch) throws IOException {
        if (epoch.isEmpty()) {
            List<Integer> epochs = epochs(run);
            if (epochs.isEmpty()) {
                throw ApiError.notFound("no " + what + " yet (they come at the end of each epoch)");
            }
            return file(run, OptionalInt.of(epochs.get(epochs.size() - 1)));
        }
        Path file = run.resolve(EpochViews.FOLDER).resolve(String.format(Locale.ROOT, "%s-%04d.%s", prefix, epoch.getAsInt(), extension));
        if (!Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
            throw ApiError.notFound("no " + what + " of epoch " + epoch.getAsInt());
        }
        return file;
    }

    /** The epoch of a file that {@link #file} gave. */
    int epoch(Path file) {
        Matcher m = name.matcher(file.getFileName().toString());
        if (!m.matches()) {
            throw new IllegalStateException(file + " is not a " + what + " file");
        }
        return Integer.parseInt(m.group(1));
    }
}
