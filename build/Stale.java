import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.util.Set;

/**
 * Whether the launcher must build the project first, for {@code vae.cmd}: the rule of {@code ./vae}'s
 * {@code stale} function, which Windows' own shell cannot express. Exits with 1 when there is no
 * last build (no stamp or no natives cache) or a source, resource, build file or data file is newer
 * than the stamp, and with 0 otherwise.
 *
 * <pre>
 * java build/Stale.java ROOT STAMP NATIVES_DIR
 * </pre>
 */
public final class Stale {
    private static final Set<String> SKIPPED = Set.of("target", ".git", "runs");

    public static void main(String[] args) throws IOException {
        if (args.length != 3) {
            throw new IllegalArgumentException("usage: Stale ROOT STAMP NATIVES_DIR");
        }
        Path root = Path.of(args[0]).toAbsolutePath();
        Path stamp = Path.of(args[1]);
        boolean built = Files.isRegularFile(stamp) && Files.isDirectory(Path.of(args[2]));
        System.exit(built && !changedSince(root, Files.getLastModifiedTime(stamp)) ? 0 : 1);
    }

    private static boolean changedSince(Path root, FileTime stamp) throws IOException {
        boolean[] changed = {false};
        Files.walkFileTree(root, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attributes) {
                return SKIPPED.contains(String.valueOf(dir.getFileName())) ? FileVisitResult.SKIP_SUBTREE
                        : FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attributes) {
                changed[0] = attributes.isRegularFile() && watched(root.relativize(file))
                        && attributes.lastModifiedTime().compareTo(stamp) > 0;
                return changed[0] ? FileVisitResult.TERMINATE : FileVisitResult.CONTINUE;
            }
        });
        return changed[0];
    }

    /** Sources and resources, poms, the build's scripts and the embedded data, as ./vae watches them. */
    private static boolean watched(Path relative) {
        String path = "/" + relative.toString().replace('\\', '/');
        return path.contains("/src/") || path.endsWith("/pom.xml") || path.contains("/build/")
                || path.contains("/data/");
    }

    private Stale() {
    }
}
