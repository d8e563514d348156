package dev.vae.app.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Output folders hold runs only: what --overwrite refuses, how a replacement goes, and how the next
 * run finds and finishes what a kill left at each step of a replacement.
 */
class RunFolderTest {
    private static final List<String> ARGS = List.of("--epochs", "1");

    @TempDir
    Path dir;

    @Test
    void aNewRunIsStagedAndMovedIntoPlaceWithItsMarker() throws IOException {
        Path target = dir.resolve("run");
        try (RunFolder folder = RunFolder.create(target, false, ARGS)) {
            Files.writeString(folder.file("model.vae"), "model");
            assertThat(dir.resolve(".run.partial/run.json")).exists();
            assertThat(target).doesNotExist();
            folder.commit();
        }
        assertThat(Files.readString(target.resolve("model.vae"))).isEqualTo("model");
        assertThat(RunMarker.read(target).isComplete()).isTrue();
        assertThat(RunMarker.read(target).args()).isEqualTo(ARGS);
        assertThat(names(dir)).containsExactly("run");
        assertThat(names(target)).containsExactlyInAnyOrder("model.vae", "run.json");
    }

    @Test
    void overwriteReplacesAnEarlierRun() throws IOException {
        Path target = run("run", "old");
        try (RunFolder folder = RunFolder.create(target, true, ARGS)) {
            Files.writeString(folder.file("model.vae"), "new");
            assertThat(Files.readString(target.resolve("model.vae"))).isEqualTo("old");
            folder.commit();
        }
        assertThat(Files.readString(target.resolve("model.vae"))).isEqualTo("new");
        assertThat(names(dir)).containsExactly("run");
    }

    @Test
    void overwriteRefusesAFolderWithoutAMarker() throws IOException {
        Path target = Files.createDirectory(dir.resolve("mine"));
        Files.writeString(target.resolve("model.vae"), "precious");

        assertThatThrownBy(() -> RunFolder.create(target, true, ARGS)).isInstanceOf(NotARunException.class)
                .hasMessage(target + " is not a run written by vae train (it has no run.json)");
        assertThat(Files.readString(target.resolve("model.vae"))).isEqualTo("precious");
        assertThat(names(dir)).containsExactly("mine");
    }

    @Test
    void overwriteRefusesARunThatHoldsTheUsersFiles() throws IOException {
        Path target = run("run", "old");
        Files.writeString(target.resolve("notes.txt"), "mine");

        assertThatThrownBy(() -> RunFolder.create(target, true, ARGS)).isInstanceOf(NotARunException.class)
                .hasMessage(target + " is not a run written by vae train (it holds notes.txt, which vae train did not write)");
        assertThat(names(target)).contains("notes.txt", "model.vae");
    }

    @Test
    void overwriteReplacesARunWithItsLiveFilesAndEpochViews() throws IOException {
        Path target = run("run", "old");
        for (String name : List.of("summary.json", "batches.csv", "progress.json")) {
            Files.writeString(target.resolve(name), "x");
        }
        Path epochs = Files.createDirectory(target.resolve("epochs"));
        Files.writeString(epochs.resolve("latent-0001.csv"), "x");
        Files.writeString(epochs.resolve("manifold-0001.png"), "x");
        Files.writeString(epochs.resolve(".latent-0002.csv.1234.tmp"), "x");

        try (RunFolder folder = RunFolder.create(target, true, ARGS)) {
            Files.writeString(folder.file("model.vae"), "new");
            folder.commit();
        }
        assertThat(names(target)).containsExactly("model.vae", "run.json");
        assertThat(names(dir)).containsExactly("run");
    }

    @Test
    void overwriteRefusesARunWhoseEpochsFolderHoldsTheUsersFiles() throws IOException {
        Path target = run("run", "old");
        Path epochs = Files.createDirectory(target.resolve("epochs"));
        Files.writeString(epochs.resolve("latent-0001.csv"), "x");
        Files.writeString(epochs.resolve("notes.txt"), "mine");

        assertThatThrownBy(() -> RunFolder.create(target, true, ARGS)).isInstanceOf(NotARunException.class)
                .hasMessage(target + " is not a run written by vae train (it holds epochs/notes.txt, which vae train "
                        + "did not write)");
        assertThat(names(epochs)).containsExactly("latent-0001.csv", "notes.txt");
    }

    @Test
    void overwriteRefusesAnEpochsFolderWithAFolderInside() throws IOException {
        Path target = run("run", "old");
        Files.createDirectories(target.resolve("epochs").resolve("latent-0001.csv"));

        assertThatThrownBy(() -> RunFolder.create(target, true, ARGS)).isInstanceOf(NotARunException.class)
                .hasMessageContaining("it holds epochs/latent-0001.csv, which vae train did not write");
    }

    @Test
    void overwriteOverAStoppedRunClearsItsLiveFilesAndEpochViews() throws IOException {
        Path target = dir.resolve("run");
        try (RunFolder folder = RunFolder.create(target, false, ARGS)) {
            Files.writeString(folder.file("batches.csv"), "step,epoch,examples,seconds,loss\n1,1,100,0.1,200.0\n");
            Files.createDirectory(folder.file("epochs"));
            Files.writeString(folder.file("epochs").resolve("latent-0001.csv"), "x");
        }
        try (RunFolder fresh = RunFolder.create(target, true, ARGS)) {
            assertThat(fresh.file("batches.csv")).doesNotExist();
            assertThat(fresh.file("epochs")).doesNotExist();
        }
    }

    @Test
    void theCurrentFolderAndItsParentsAreNeverAnOutput() {
        for (Path output : List.of(Path.of("."), Path.of(".."), Path.of("").toAbsolutePath())) {
            assertThatThrownBy(() -> RunFolder.checkTarget(output, true)).isInstanceOf(RunFolderException.class)
                    .hasMessage(output + " is the current folder or one of its parents; a run needs a folder of its own");
        }
    }

    @Test
    void anExistingFolderIsRefusedWithoutOverwrite() throws IOException {
        Path target = run("run", "old");
        assertThatThrownBy(() -> RunFolder.create(target, false, ARGS))
                .hasMessage("output folder " + target + " exists; choose another --output or pass --overwrite");
    }

    @Test
    void aStoppedRunIsReportedAndResumedOrDiscardedWithOverwrite() throws IOException {
        Path target = dir.resolve("run");
        try (RunFolder folder = RunFolder.create(target, false, ARGS)) {
            Files.writeString(folder.file("history.csv"), "epoch,train_loss,train_nelbo,val_nelbo\n1,2,3,4\n");
            Files.writeString(folder.file("checkpoint.vae"), "state");
        }

        assertThatThrownBy(() -> RunFolder.create(target, false, ARGS)).isInstanceOf(RunFolderException.class)
                .hasMessage(target + " has an unfinished run (1 epoch done); continue it with vae train --resume "
                        + target + ", or pass --overwrite to start again");
        try (RunFolder resumed = RunFolder.resume(target)) {
            assertThat(resumed.marker().args()).isEqualTo(ARGS);
            assertThat(Files.readString(resumed.file("checkpoint.vae"))).isEqualTo("state");
        }
        try (RunFolder fresh = RunFolder.create(target, true, List.of("--epochs", "2"))) {
            assertThat(fresh.file("checkpoint.vae")).doesNotExist();
            assertThat(fresh.marker().args()).containsExactly("--epochs", "2");
        }
    }

    @Test
    void overwriteOverAStoppedRunStillRefusesAnOutputWithTheUsersFiles() throws IOException {
        Path target = Files.createDirectory(dir.resolve("run"));
        Files.writeString(target.resolve("notes.txt"), "mine");
        Path staging = Files.createDirectory(dir.resolve(".run.partial"));
        RunMarker.training(ARGS, false).write(staging);

        assertThatThrownBy(() -> RunFolder.create(target, true, ARGS)).isInstanceOf(NotARunException.class)
                .hasMessage(target + " is not a run written by vae train (it has no run.json)");
        assertThat(names(target)).containsExactly("notes.txt");
        assertThat(names(staging)).contains(RunMarker.FILE);
    }

    @Test
    void aKillAfterTheOldRunWasRenamedAsideIsFinishedByTheNextRun() throws IOException {
        Path target = dir.resolve("run");
        run(".run.replaced", "old");
        Path staging = run(".run.partial", "new");
        RunMarker.training(ARGS, true).complete().write(staging);

        assertThatThrownBy(() -> RunFolder.resume(target)).hasMessageContaining("it is a finished run");
        assertThat(Files.readString(target.resolve("model.vae"))).isEqualTo("new");
        assertThat(names(dir)).containsExactly("run");
    }

    @Test
    void aKillBeforeTheOldRunWasRenamedAsideIsFinishedByTheNextRun() throws IOException {
        Path target = run("run", "old");
        Path staging = run(".run.partial", "new");
        RunMarker.training(ARGS, true).complete().write(staging);

        try (RunFolder next = RunFolder.create(dir.resolve("other"), false, ARGS)) {
            assertThat(Files.readString(target.resolve("model.vae"))).isEqualTo("old");
        }
        assertThatThrownBy(() -> RunFolder.create(target, false, ARGS)).hasMessageContaining("exists");
        assertThat(Files.readString(target.resolve("model.vae"))).isEqualTo("new");
    }

    @Test
    void stagingFoldersOfKilledRunsAreRemovedAndTheUsersFoldersKept() throws IOException {
        run(".run.partial-1b2c", "left by a kill");
        Path foreign = run(".run.partial-mine", "x");
        Files.writeString(foreign.resolve("notes.txt"), "mine");
        Path target = dir.resolve("run");

        try (RunFolder folder = RunFolder.create(target, false, ARGS)) {
            assertThat(names(dir)).containsExactlyInAnyOrder(".run.partial", ".run.partial-mine");
        }
    }

    /** A complete run folder named {@code name} whose model file holds {@code model}. */
    private Path run(String name, String model) throws IOException {
        Path folder = Files.createDirectory(dir.resolve(name));
        RunMarker.training(ARGS, false).complete().write(folder);
        Files.writeString(folder.resolve("model.vae"), model);
        return folder;
    }

    private static List<String> names(Path folder) throws IOException {
        try (Stream<Path> files = Files.list(folder)) {
            return files.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }
}
