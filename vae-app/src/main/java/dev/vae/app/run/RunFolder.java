package dev.vae.app.run;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The folder of a training run. A run trains in a staging folder {@code .NAME.partial} beside its
 * output {@code NAME}, holding an exclusive lock on the staging folder's {@value #LOCK} file for as
 * long as it lives, and moves into place when complete. The lock makes one writer win when two start
 * on one output; a staging folder whose lock nobody holds is a stopped or killed run, which
 * {@code --resume} continues.
 *
 * <p>A complete run replaces an earlier run at its output only with {@code --overwrite}, and only if
 * that folder is a run: it carries {@value RunMarker#FILE} and no file a run does not write, and it is
 * neither the current folder nor one of its parents. The replacement renames the old run aside, the
 * new one in, then deletes the old one; the staging folder is marked complete before, so a kill at any
 * instant leaves the old run or the new one whole, and the next run on that output finishes the move.
 */
public final class RunFolder implements AutoCloseable {
    /** The lock file of a staging folder. */
    static final String LOCK = ".lock";
    /** What a run may hold; anything else is the user's, and makes the folder no run. */
    static final Set<String> FILES = Set.of(RunMarker.FILE, LOCK, "config.json", "history.csv", "timings.csv",
            "checkpoint.vae", "model.vae", "loss.png", "latent.png", "manifold.png", "manifold.csv", "early-stop.json",
            RunSummary.FILE, BatchLog.FILE, ProgressFile.FILE);
    /** The manifold of one class, which a model conditioned on labels draws per class. */
    private static final Pattern CLASS_MANIFOLD = Pattern.compile("manifold-[0-9]{1,4}\\.png");
    /** What {@link EpochViews} writes in its folder. */
    private static final Pattern EPOCH_VIEW = Pattern.compile("(latent-[0-9]{4,}\\.csv|manifold-[0-9]{4,}\\.png)");

    private final Path target;
    private final Path staging;
    private final FileChannel lockFile;
    private final FileLock lock;
    private RunMarker marker;

    private RunFolder(Path target, Path staging, FileChannel lockFile, FileLock lock, RunMarker marker) {
        this.target = target;
        this.staging = staging;
        this.lockFile = lockFile;
        this.lock = lock;
        this.marker = marker;
    }

    /** A fresh output under {@code runs/}, named by the time. */
    public static Path defaultTarget() {
        String stamp = LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss"));
        Path candidate = Path.of("runs", stamp);
        for (int i = 2; Files.exists(candidate) || Files.exists(stagingOf(candidate.toAbsolutePath())); i++) {
            candidate = Path.of("runs", stamp + "-" + i);
        }
        return candidate;
    }

    /**
     * Checks, before any work is done, that a new run may be written to {@code output}.
     *
     * @throws RunFolderException if it is the current folder or a parent of it, a file, a symbolic
     *     link, exists without {@code overwrite}, or is not a run that {@code overwrite} may replace
     */
    public static void checkTarget(Path output, boolean overwrite) throws IOException {
        Path target = normalized(output);
        checkPlace(output, target);
        if (!Files.exists(target)) {
            return;
        }
        if (!Files.isDirectory(target)) {
            throw new RunFolderException("output " + output + " is a file; expected a folder");
        }
        if (!overwrite) {
            throw new RunFolderException("output folder " + output + " exists; choose another --output or pass --overwrite");
        }
        requireRun(target);
    }

    /** Refuses a symbolic link, and the current folder and its parents, whatever they hold. */
    private static void checkPlace(Path output, Path target) throws IOException {
        if (Files.isSymbolicLink(target)) {
            throw new RunFolderException(output + " is a symbolic link; give the folder itself as --output");
        }
        if (Files.exists(target) && Path.of("").toRealPath().startsWith(target.toRealPath())) {
            throw new RunFolderException(output + " is the current folder or one of its parents; a run needs a folder of its own");
        }
    }

    /**
     * Starts a new run for {@code output}: checks it as {@link #checkTarget} does, finishes a
     * replacement that a kill interrupted, and creates and locks the staging folder.
     *
     * @throws RunFolderException if another run is writing this output, or an unfinished run waits
     *     there and {@code overwrite} was not given
     */
    public static RunFolder create(Path output, boolean overwrite, List<String> args) throws IOException {
        Path target = normalized(output);
        checkPlace(output, target);
        Files.createDirectories(target.getParent());
        RunMarker marker = RunMarker.training(args, overwrite);
        Optional<RunFolder> existing = lockExisting(output, target);
        if (existing.isEmpty()) {
            checkTarget(output, overwrite);
        } else {
            RunFolder stopped = existing.get();
            if (!overwrite) {
                long done = stopped.epochsDone();
                stopped.close();
                throw new RunFolderException(output + " has an unfinished run (" + done + (done == 1 ? " epoch" : " epochs")
                        + " done); continue it with vae train --resume " + output + ", or pass --overwrite to start again");
            }
            try {
                checkTarget(output, true);
            } catch (IOException e) {
                stopped.close();
                throw e;
            }
            stopped.clearForNewRun(marker);
            return stopped;
        }
        return createStaging(output, target, marker);
    }

    /**
     * The unfinished run of {@code output}, locked, to continue it.
     *
     * @throws RunFolderException if there is none, or another run is writing it
     */
    public static RunFolder resume(Path output) throws IOException {
        Path target = normalized(output);
        checkPlace(output, target);
        Optional<RunFolder> existing = lockExisting(output, target);
        if (existing.isEmpty()) {
            throw new RunFolderException(output + " has no unfinished run to resume" + (Files.isDirectory(target)
                    ? " (it is a finished run)" : " (there is no " + stagingOf(target) + ")"));
        }
        return existing.get();
    }

    /** Locks the staging folder if there is one, finishing its move into place if it was complete. */
    private static Optional<RunFolder> lockExisting(Path output, Path target) throws IOException {
        Path staging = stagingOf(target);
        if (!Files.isDirectory(staging, LinkOption.NOFOLLOW_LINKS)) {
            return Optional.empty();
        }
        RunFolder folder = lock(output, target, staging);
        if (!folder.marker.isComplete()) {
            return Optional.of(folder);
        }
        try (folder) {
            folder.moveIntoPlace();
        }
        System.err.println("vae train: finished moving the completed run into " + output + " after an interruption");
        return Optional.empty();
    }

    private static RunFolder lock(Path output, Path target, Path staging) throws IOException {
        FileChannel channel = FileChannel.open(staging.resolve(LOCK), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        FileLock lock;
        try {
            lock = channel.tryLock();
        } catch (OverlappingFileLockException e) {
            lock = null;
        }
        if (lock == null) {
            channel.close();
            throw new RunFolderException("another vae train is writing " + output
                    + "; wait for it to end or choose another --output");
        }
        try {
            return new RunFolder(target, staging, channel, lock, RunMarker.read(staging));
        } catch (IOException e) {
            channel.close();
            throw e;
        }
    }

    /**
     * Prepares the staging folder in a folder of its own and renames it into place, locked and
     * marked, so that no other run ever sees it half made.
     */
    private static RunFolder createStaging(Path output, Path target, RunMarker marker) throws IOException {
        Path staging = stagingOf(target);
        Path fresh = Files.createDirectory(staging.resolveSibling(staging.getFileName() + "-" + UUID.randomUUID()));
        FileChannel channel = FileChannel.open(fresh.resolve(LOCK), StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
        FileLock lock;
        try {
            lock = channel.lock();
            marker.write(fresh);
            Files.move(fresh, staging, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException | RuntimeException e) {
            channel.close();
            deleteTree(fresh);
            if (e instanceof IOException && Files.isDirectory(staging, LinkOption.NOFOLLOW_LINKS)) {
                // The rename lost to another run's (Linux reports ENOTEMPTY as a plain FileSystemException).
                throw new RunFolderException("another vae train is writing " + output
                        + "; wait for it to end or choose another --output");
            }
            throw e;
        }
        RunFolder folder = new RunFolder(target, staging, channel, lock, marker);
        try {
            folder.removeLeftovers();
        } catch (IOException | RuntimeException e) {
            folder.discard();
            throw e;
        }
        return folder;
    }

    /**
     * Deletes what killed runs of this output left: an old run renamed aside, and staging folders
     * that never got their name (or that earlier versions named {@code .NAME.partial-UUID}).
     */
    private void removeLeftovers() throws IOException {
        deleteRunTree(replacedOf(target));
        String prefix = staging.getFileName() + "-";
        List<Path> stale;
        try (Stream<Path> siblings = Files.list(target.getParent())) {
            stale = siblings.filter(p -> p.getFileName().toString().startsWith(prefix)).toList();
        }
        for (Path folder : stale) {
            if (isAbandoned(folder) && deleteRunTree(folder)) {
                System.err.println("vae train: removed " + folder + ", left by an interrupted run");
            }
        }
    }

    /** Whether a live run holds the lock of the staging folder {@code folder}: it is training. */
    public static boolean isBeingWritten(Path folder) throws IOException {
        return !isAbandoned(folder);
    }

    /** Whether nobody holds the folder's lock (or it has none, as earlier versions' staging folders). */
    private static boolean isAbandoned(Path folder) throws IOException {
        if (!Files.exists(folder.resolve(LOCK))) {
            return true;
        }
        try (FileChannel channel = FileChannel.open(folder.resolve(LOCK), StandardOpenOption.WRITE)) {
            FileLock probe = channel.tryLock();
            if (probe == null) {
                return false;
            }
            probe.release();
            return true;
        } catch (OverlappingFileLockException | NoSuchFileException e) {
            return false;
        }
    }

    private void clearForNewRun(RunMarker fresh) throws IOException {
        requireOwnFiles(staging);
        for (String name : FILES) {
            if (!name.equals(LOCK)) {
                Files.deleteIfExists(staging.resolve(name));
            }
        }
        try (Stream<Path> files = Files.list(staging)) {
            for (Path file : files.filter(p -> CLASS_MANIFOLD.matcher(p.getFileName().toString()).matches()).toList()) {
                Files.delete(file);
            }
        }
        deleteTemporaries(staging);
        deleteTree(staging.resolve(EpochViews.FOLDER));
        marker = fresh;
        marker.write(staging);
    }

    /** Where a file of the run goes while it trains. */
    public Path file(String name) {
        return staging.resolve(name);
    }

    /** The marker the run was started with. */
    public RunMarker marker() {
        return marker;
    }

    /** Where the run goes when complete. */
    public Path target() {
        return target;
    }

    /** The staging folder, where an unfinished run lives. */
    public Path staging() {
        return staging;
    }

    /** The epochs that {@code history.csv} records as done. */
    public long epochsDone() throws IOException {
        Path history = staging.resolve("history.csv");
        if (!Files.exists(history)) {
            return 0;
        }
        try (Stream<String> lines = Files.lines(history)) {
            return Math.max(0, lines.count() - 1);
        }
    }

    /**
     * Marks the run complete and moves it to its output, replacing an earlier run there if the run
     * was started with {@code overwrite}.
     *
     * @throws RunFolderException if the output was made in the meantime by something other than a
     *     run, or exists and the run was not started with {@code overwrite}; the run stays staged
     */
    public void commit() throws IOException {
        if (Files.exists(target, LinkOption.NOFOLLOW_LINKS)) {
            if (!marker.overwrite()) {
                throw new RunFolderException(target + " was created while the run trained; the finished run stays in "
                        + staging + " (move it where you want it)");
            }
            requireRun(target);
        }
        marker = marker.complete();
        marker.write(staging);
        moveIntoPlace();
    }

    private void moveIntoPlace() throws IOException {
        Path replaced = replacedOf(target);
        if (Files.exists(target, LinkOption.NOFOLLOW_LINKS)) {
            deleteRunTree(replaced);
            Files.move(target, replaced, StandardCopyOption.ATOMIC_MOVE);
        }
        Files.move(staging, target, StandardCopyOption.ATOMIC_MOVE);
        deleteRunTree(replaced);
        Files.deleteIfExists(target.resolve(LOCK));
    }

    /** Deletes the staging folder: for a run that failed in a way that a resume would repeat. */
    public void discard() throws IOException {
        close();
        deleteRunTree(staging);
    }

    /** Releases the lock; an uncommitted run stays staged, to be resumed. */
    @Override
    public void close() throws IOException {
        if (lockFile.isOpen()) {
            lock.release();
            lockFile.close();
        }
    }

    private static void requireRun(Path folder) throws IOException {
        RunMarker.read(folder);
        requireOwnFiles(folder);
    }

    private static void requireOwnFiles(Path folder) throws IOException {
        Optional<Path> foreign = foreignFile(folder);
        if (foreign.isPresent()) {
            throw new NotARunException(folder, "it holds " + folder.relativize(foreign.get())
                    + ", which vae train did not write");
        }
    }

    /** A file in the folder that a run does not write, looking into the one folder a run makes. */
    private static Optional<Path> foreignFile(Path folder) throws IOException {
        List<Path> files;
        try (Stream<Path> listed = Files.list(folder)) {
            files = listed.toList();
        }
        for (Path file : files) {
            String name = file.getFileName().toString();
            if (name.equals(EpochViews.FOLDER) && Files.isDirectory(file, LinkOption.NOFOLLOW_LINKS)) {
                Optional<Path> inside = foreignEpochView(file);
                if (inside.isPresent()) {
                    return inside;
                }
            } else if (!isRunFile(file, name)) {
                return Optional.of(file);
            }
        }
        return Optional.empty();
    }

    private static Optional<Path> foreignEpochView(Path folder) throws IOException {
        try (Stream<Path> files = Files.list(folder)) {
            return files.filter(p -> !Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS)
                    || !(EPOCH_VIEW.matcher(p.getFileName().toString()).matches()
                            || isTemporary(p.getFileName().toString()))).findFirst();
        }
    }

    private static boolean isRunFile(Path file, String name) {
        return Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)
                && (FILES.contains(name) || CLASS_MANIFOLD.matcher(name).matches() || isTemporary(name));
    }

    /** The temporary files of {@link AtomicWrite} and of the model writer, which a kill may leave. */
    private static boolean isTemporary(String name) {
        return name.startsWith(".") && name.endsWith(".tmp");
    }

    private static void deleteTemporaries(Path folder) throws IOException {
        try (Stream<Path> files = Files.list(folder)) {
            for (Path p : files.filter(p -> isTemporary(p.getFileName().toString())).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }

    /** Deletes a folder of a run's files; a folder holding anything else is left alone. */
    private static boolean deleteRunTree(Path folder) throws IOException {
        if (!Files.isDirectory(folder, LinkOption.NOFOLLOW_LINKS)) {
            return false;
        }
        try {
            requireOwnFiles(folder);
        } catch (NotARunException e) {
            System.err.println("vae train: left " + folder + " in place: " + e.getMessage());
            return false;
        } catch (NoSuchFileException e) {
            return false;
        }
        deleteTree(folder);
        return true;
    }

    private static void deleteTree(Path folder) throws IOException {
        try (Stream<Path> files = Files.walk(folder)) {
            for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (NoSuchFileException e) {
            // Another process finishing the same interrupted replacement deleted it first.
        }
    }

    private static Path normalized(Path output) throws RunFolderException {
        Path target = output.toAbsolutePath().normalize();
        if (target.getFileName() == null || target.getParent() == null) {
            throw new RunFolderException("output " + output + " is the root of the file system; a run needs a folder of its own");
        }
        return target;
    }

    static Path stagingOf(Path target) {
        return target.resolveSibling("." + target.getFileName() + ".partial");
    }

    private static Path replacedOf(Path target) {
        return target.resolveSibling("." + target.getFileName() + ".replaced");
    }
}
