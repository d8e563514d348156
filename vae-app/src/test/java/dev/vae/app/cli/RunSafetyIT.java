package dev.vae.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The packaged app in child JVMs, as users run it and as they stop it: an output can never be the
 * folder the user stands in; a run killed with SIGKILL or stopped with SIGINT resumes to exactly the
 * files of a run that was never interrupted; of two runs started on one output, one wins.
 */
class RunSafetyIT {
    /** Long enough epochs (800 steps) that a signal reliably lands inside the one the test aims at. */
    private static final List<String> RUN = List.of("train", "--epochs", "3", "--hidden-dims", "64", "--batch-size", "10",
            "--seed", "3");

    @TempDir
    static Path dir;

    private static Path uninterrupted;

    @BeforeAll
    static void trainWithoutInterruption() throws Exception {
        uninterrupted = dir.resolve("uninterrupted");
        AppProcess.Run r = new AppProcess(dir).run(args(RUN, "--output", uninterrupted.toString()));
        assertThat(r.code()).as(r.err()).isZero();
    }

    @Test
    void overwriteOfTheCurrentFolderIsRefusedAndItsFilesSurvive() throws Exception {
        Path work = Files.createDirectory(dir.resolve("work"));
        Files.writeString(work.resolve("dummy.txt"), "mine");

        AppProcess.Run r = new AppProcess(work).run("train", "--overwrite", "--output", ".", "--epochs", "1");

        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err().lines()).containsExactly(
                "vae train: . is the current folder or one of its parents; a run needs a folder of its own");
        assertThat(names(work)).containsExactlyInAnyOrder("dummy.txt", "run.out", "run.err");
        assertThat(Files.readString(work.resolve("dummy.txt"))).isEqualTo("mine");
        assertThat(names(dir)).doesNotContain(".work.partial");
    }

    @Test
    void aRunKilledInItsLastEpochResumesToTheSameFiles() throws Exception {
        Path output = dir.resolve("killed");
        AppProcess app = new AppProcess(dir);
        Process p = app.start("killed", Map.of(), args(RUN, "--output", output.toString()));
        awaitEpochs(output, 2, p);
        Thread.sleep(500);
        p.destroyForcibly().waitFor();

        AppProcess.Run refused = app.run(args(RUN, "--output", output.toString()));
        assertThat(refused.code()).isEqualTo(2);
        assertThat(refused.err().lines()).containsExactly("vae train: " + output + " has an unfinished run (2 epochs done); "
                + "continue it with vae train --resume " + output + ", or pass --overwrite to start again");
        AppProcess.Run otherOptions = app.run("train", "--resume", output.toString(), "--learning-rate", "0.01");
        assertThat(otherOptions.code()).isEqualTo(2);
        assertThat(otherOptions.err().lines()).containsExactly("vae train: --resume keeps the run's options: "
                + "--learning-rate is 0.001 in the run, not 0.01; leave it out or start a new run");
        AppProcess.Run otherOptimizer = app.run("train", "--resume", output.toString(), "--optimizer", "adam");
        assertThat(otherOptimizer.code()).isEqualTo(2);
        assertThat(otherOptimizer.err().lines()).containsExactly("vae train: --resume keeps the run's options: "
                + "--optimizer is rmsprop in the run, not adam; leave it out or start a new run");
        AppProcess.Run otherThreads = app.run(Map.of("OMP_NUM_THREADS", "2"), "train", "--resume", output.toString());
        assertThat(otherThreads.code()).isEqualTo(2);
        assertThat(otherThreads.err().lines()).containsExactly("vae train: the run trained on 1 thread and this process "
                + "has 2; resume it with OMP_NUM_THREADS=1 to continue it exactly");

        assertResumesToTheUninterruptedRun(app, output);
    }

    @Test
    void aRunStoppedWithSigintSavesACheckpointMidEpochAndResumesToTheSameFiles() throws Exception {
        Path output = dir.resolve("interrupted");
        AppProcess app = new AppProcess(dir);
        Process p = app.start("interrupted", Map.of(), args(RUN, "--output", output.toString()));
        awaitEpochs(output, 1, p);
        // At once: with the compiled step, an epoch of this run takes well under a second.
        new ProcessBuilder("kill", "-INT", Long.toString(p.pid())).start().waitFor();
        AppProcess.Run stopped = app.await("interrupted", p);

        assertThat(stopped.code()).isEqualTo(130);
        assertThat(stopped.err().lines()).singleElement().asString().matches(
                "vae train: SIGINT: stopped in epoch 2 after \\d+ of 800 steps; the checkpoint is .*checkpoint.vae; "
                        + "continue with: vae train --resume " + output);
        String progress = Files.readString(output.resolveSibling("." + output.getFileName() + ".partial")
                .resolve("progress.json"));
        assertThat(progress).contains("\"epoch\":2,").contains("\"state\":\"stopped\"").contains("\"eta_seconds\":null");
        assertResumesToTheUninterruptedRun(app, output);
    }

    private void assertResumesToTheUninterruptedRun(AppProcess app, Path output) throws Exception {
        AppProcess.Run resumed = app.run("train", "--resume", output.toString());
        assertThat(resumed.code()).as(resumed.err()).isZero();
        assertThat(Files.readString(output.resolve("history.csv")))
                .isEqualTo(Files.readString(uninterrupted.resolve("history.csv")));
        assertThat(sha256(output.resolve("model.vae"))).as("model.vae").isEqualTo(sha256(uninterrupted.resolve("model.vae")));
        assertThat(names(output)).doesNotContain("checkpoint.vae", ".lock");
        assertThat(Files.readString(output.resolve("progress.json"))).contains("\"state\":\"finished\"");
        assertTheStepsAreTheUninterruptedRunsOnce(output);
    }

    /** Each step once, in order, with the loss the uninterrupted run had at that step. */
    private static void assertTheStepsAreTheUninterruptedRunsOnce(Path output) throws IOException {
        List<String> resumed = Files.readAllLines(output.resolve("batches.csv"));
        List<String> whole = Files.readAllLines(uninterrupted.resolve("batches.csv"));
        assertThat(resumed).hasSize(1 + 3 * 800).hasSameSizeAs(whole);
        for (int i = 1; i < resumed.size(); i++) {
            String[] r = resumed.get(i).split(",");
            String[] w = whole.get(i).split(",");
            assertThat(r[0]).as("line " + i).isEqualTo(Integer.toString(i));
            assertThat(List.of(r[1], r[2], r[4])).as("step " + i).isEqualTo(List.of(w[1], w[2], w[4]));
        }
    }

    @Test
    void ofTwoRunsStartedOnOneOutputOneWinsAndTheOtherSaysWhy() throws Exception {
        Path output = dir.resolve("contested");
        AppProcess app = new AppProcess(dir);
        String[] train = {"train", "--epochs", "1", "--hidden-dims", "8", "--output", output.toString()};
        Process a = app.start("a", Map.of(), train);
        Process b = app.start("b", Map.of(), train);
        AppProcess.Run ra = app.await("a", a);
        AppProcess.Run rb = app.await("b", b);

        assertThat(List.of(ra.code(), rb.code())).containsExactlyInAnyOrder(0, 2);
        AppProcess.Run loser = ra.code() == 2 ? ra : rb;
        assertThat(loser.err().lines()).singleElement().asString().isIn(
                "vae train: another vae train is writing " + output + "; wait for it to end or choose another --output",
                "vae train: output folder " + output + " exists; choose another --output or pass --overwrite");
        assertThat(output.resolve("model.vae")).exists();
        assertThat(names(dir)).noneMatch(n -> n.startsWith(".contested"));
    }

    private static void awaitEpochs(Path output, int epochs, Process p) throws Exception {
        Path history = output.resolveSibling("." + output.getFileName() + ".partial").resolve("history.csv");
        while (!Files.exists(history) || Files.readAllLines(history).size() < epochs + 1) {
            assertThat(p.isAlive()).as("the run ended before epoch " + epochs + " did").isTrue();
            Thread.sleep(20);
        }
    }

    private static String sha256(Path file) throws Exception {
        return java.util.HexFormat.of().formatHex(
                java.security.MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)));
    }

    private static String[] args(List<String> base, String... more) {
        return Stream.concat(base.stream(), Stream.of(more)).toArray(String[]::new);
    }

    private static List<String> names(Path folder) throws IOException {
        try (Stream<Path> files = Files.list(folder)) {
            return files.map(p -> p.getFileName().toString()).toList();
        }
    }
}
