package dev.vae.app.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.vae.app.plot.LatentGrid;
import dev.vae.core.ModelSummary;
import dev.vae.core.Optimizer;
import dev.vae.core.TrainedVae;
import dev.vae.core.Vae;
import dev.vae.core.data.DataSplit;
import dev.vae.core.data.ImageSet;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.nd4j.linalg.api.buffer.DataType;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The command line in process, as a user meets it: output, exit codes, files left behind. */
class CliTest {
    private static final Path EMBEDDED = Path.of("..", "data", "mnist-10k");

    record Result(int code, String out, String err) {
        List<String> errLines() {
            return err.lines().toList();
        }
    }

    static Result run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Main.run(args, new PrintWriter(out, true), new PrintWriter(err, true));
        return new Result(code, out.toString(), err.toString());
    }

    /** A user mistake: a non-zero exit, one line on standard error, and no stack trace. */
    static void assertUserError(Result r, String expected) {
        assertThat(r.code()).as(r.err()).isEqualTo(ExitCodes.USAGE);
        assertThat(r.errLines()).as(r.err()).hasSize(1);
        assertThat(r.err()).contains(expected).doesNotContain("Exception").doesNotContain("\tat ");
    }

    @Nested
    @TestInstance(TestInstance.Lifecycle.PER_CLASS)
    class RoundTrip {
        Path dir;
        Path run;

        @BeforeAll
        void train(@TempDir Path tempDir) {
            dir = tempDir;
            run = dir.resolve("run");
            Result r = CliTest.run("train", "--epochs", "2", "--hidden-dims", "64", "--output", run.toString());
            assertThat(r.code()).as(r.err()).isZero();
            assertThat(r.out()).contains("Total params: 101,652").contains("validation NELBO");
        }

        @Test
        void trainingWritesEveryFileOfTheRun() throws IOException {
            try (Stream<Path> files = Files.list(run)) {
                assertThat(files.map(p -> p.getFileName().toString()))
                        .containsExactlyInAnyOrder("run.json", "model.vae", "history.csv", "timings.csv", "config.json",
                                "loss.png", "latent.png", "manifold.png", "summary.json", "batches.csv", "progress.json",
                                "epochs");
            }
            try (Stream<Path> files = Files.list(run.resolve("epochs"))) {
                assertThat(files.map(p -> p.getFileName().toString())).containsExactlyInAnyOrder("latent-0001.csv",
                        "latent-0002.csv", "manifold-0001.png", "manifold-0002.png");
            }
            List<String> csv = Files.readAllLines(run.resolve("history.csv"));
            assertThat(csv.get(0)).isEqualTo("epoch,train_loss,train_nelbo,val_nelbo");
            assertThat(csv).hasSize(3);
            assertThat(Files.readAllLines(run.resolve("timings.csv"))).hasSize(3).first().isEqualTo("epoch,seconds");
            assertThat(Files.readString(run.resolve("config.json"))).contains("\"epochs\": 2").contains("\"command\"")
                    .contains("\"optimizer\": \"rmsprop\"");
            try (Stream<Path> siblings = Files.list(dir)) {
                assertThat(siblings.map(p -> p.getFileName().toString())).noneMatch(n -> n.startsWith("."));
            }
        }

        @Test
        void thePicturesArePngsOfTheirSize() throws IOException {
            assertPng(run.resolve("loss.png"), 800, 500);
            assertPng(run.resolve("latent.png"), 800, 800);
            assertPng(run.resolve("manifold.png"), 15 * 28 * 2, 15 * 28 * 2);
        }

        @Test
        void batchesHoldEveryStepAndTheirMeanPerEpochIsTheHistorysTrainLoss() throws IOException {
            List<String> lines = Files.readAllLines(run.resolve("batches.csv"));
            assertThat(lines.get(0)).isEqualTo("step,epoch,examples,seconds,loss");
            assertThat(lines).hasSize(1 + 2 * 80);
            double[] weighted = new double[2];
            long before = 0;
            double seconds = 0;
            for (int i = 1; i < lines.size(); i++) {
                String[] cells = lines.get(i).split(",");
                int epoch = Integer.parseInt(cells[1]);
                long examples = Long.parseLong(cells[2]);
                assertThat(Long.parseLong(cells[0])).isEqualTo(i);
                assertThat(epoch).isEqualTo((i - 1) / 80 + 1);
                assertThat(examples).isEqualTo(((i - 1) % 80 + 1) * 100L);
                assertThat(Double.parseDouble(cells[3])).isGreaterThanOrEqualTo(seconds);
                seconds = Double.parseDouble(cells[3]);
                weighted[epoch - 1] += Double.parseDouble(cells[4]) * (examples - before);
                before = examples == 8000 ? 0 : examples;
            }
            List<String> history = Files.readAllLines(run.resolve("history.csv"));
            for (int epoch = 1; epoch <= 2; epoch++) {
                double trainLoss = Double.parseDouble(history.get(epoch).split(",")[1]);
                assertThat(weighted[epoch - 1] / 8000).isCloseTo(trainLoss, within(1e-4 * trainLoss));
            }
        }

        @Test
        void theLastEpochsLatentCsvHoldsTheSavedModelsEncodings() throws IOException {
            TrainedVae model = Vae.create().load(run.resolve("model.vae"));
            ImageSet validation = DataSplit.embedded().test().head(2000);
            double[][] means = model.encode(model.inputs(validation)).mean().castTo(DataType.DOUBLE).toDoubleMatrix();
            List<String> lines = Files.readAllLines(run.resolve("epochs/latent-0002.csv"));
            assertThat(lines.get(0)).isEqualTo("index,label,z1,z2");
            assertThat(lines).hasSize(1 + 2000);
            for (int i = 0; i < 2000; i++) {
                String[] cells = lines.get(i + 1).split(",");
                assertThat(Integer.parseInt(cells[0])).isEqualTo(i);
                assertThat(Integer.parseInt(cells[1])).isEqualTo(validation.labels()[i]);
                for (int j = 0; j < 2; j++) {
                    assertThat(Double.parseDouble(cells[2 + j])).isCloseTo(means[i][j],
                            within(1e-5 * Math.max(1, Math.abs(means[i][j]))));
                }
            }
            assertThat(Files.readString(run.resolve("epochs/latent-0001.csv")))
                    .isNotEqualTo(Files.readString(run.resolve("epochs/latent-0002.csv")));
        }

        @Test
        void eachEpochsManifoldIsAPngOfTheFinalOnesSize() throws IOException {
            assertPng(run.resolve("epochs/manifold-0001.png"), 15 * 28 * 2, 15 * 28 * 2);
            assertPng(run.resolve("epochs/manifold-0002.png"), 15 * 28 * 2, 15 * 28 * 2);
            assertThat(Files.readAllBytes(run.resolve("epochs/manifold-0002.png")))
                    .isEqualTo(Files.readAllBytes(run.resolve("manifold.png")));
        }

        @Test
        void theSummaryDescribesTheModelTheDataAndTheManifold() throws IOException {
            JsonObject summary = JsonParser.parseString(Files.readString(run.resolve("summary.json"))).getAsJsonObject();
            ModelSummary expected = Vae.create().load(run.resolve("model.vae")).summary();
            assertThat(summary.get("total_parameters").getAsLong()).isEqualTo(expected.totalParameters()).isEqualTo(101_652);
            assertThat(summary.getAsJsonArray("layers")).hasSize(expected.layers().size());
            JsonObject first = summary.getAsJsonArray("layers").get(0).getAsJsonObject();
            assertThat(first.get("name").getAsString()).isEqualTo(expected.layers().get(0).name());
            assertThat(first.get("parameters").getAsLong()).isEqualTo(expected.layers().get(0).parameters());
            assertThat(summary.get("latent_dims").getAsInt()).isEqualTo(2);
            assertThat(summary.get("code_categories").getAsInt()).isZero();
            assertThat(summary.getAsJsonObject("data").get("kind").getAsString()).isEqualTo("image");
            assertThat(summary.getAsJsonObject("data").get("rows").getAsInt()).isEqualTo(28);
            assertThat(summary.get("labels").getAsBoolean()).isTrue();
            assertThat(summary.getAsJsonObject("condition").get("kind").getAsString()).isEqualTo("none");
            assertThat(summary.get("validation_examples").getAsInt()).isEqualTo(2000);
            assertThat(summary.get("latent_examples").getAsInt()).isEqualTo(2000);
            double[] axis = new com.google.gson.Gson().fromJson(summary.getAsJsonObject("manifold").get("axis"), double[].class);
            assertThat(axis).hasSize(15).containsExactly(LatentGrid.axis(15));
            assertThat(axis[0]).isCloseTo(-1.6448536, within(1e-6));
            assertThat(summary.get("prior_mean").toString()).isEqualTo("[0.0,0.0]");
            assertThat(summary.get("prior_mean_source").getAsString()).isEqualTo("standard normal");
        }

        @Test
        void progressSaysTheRunFinishedAfterItsLastStep() throws IOException {
            JsonObject progress = JsonParser.parseString(Files.readString(run.resolve("progress.json"))).getAsJsonObject();
            assertThat(progress.get("state").getAsString()).isEqualTo("finished");
            assertThat(progress.get("epoch").getAsInt()).isEqualTo(2);
            assertThat(progress.get("epochs").getAsInt()).isEqualTo(2);
            assertThat(progress.get("step").getAsLong()).isEqualTo(160);
            assertThat(progress.get("examples_done").getAsLong()).isEqualTo(8000);
            assertThat(progress.get("examples_per_epoch").getAsLong()).isEqualTo(8000);
            assertThat(progress.get("examples_per_second").getAsDouble()).isPositive();
            assertThat(progress.get("eta_seconds").getAsDouble()).isZero();
            assertThat(progress.has("error")).isFalse();
            assertThat(java.time.Instant.parse(progress.get("updated").getAsString())).isBefore(java.time.Instant.now());
        }

        @Test
        void evaluateEndsWithOneJsonObject() {
            Result r = CliTest.run("evaluate", "--model", run.resolve("model.vae").toString(), "--samples", "20", "--json");
            assertThat(r.code()).as(r.err()).isZero();
            List<String> lines = r.out().lines().toList();
            JsonObject json = JsonParser.parseString(lines.get(lines.size() - 1)).getAsJsonObject();
            assertThat(json.get("images").getAsInt()).isEqualTo(2000);
            assertThat(json.get("nelbo").getAsDouble()).isBetween(120.0, 260.0);
            assertThat(json.get("nll").getAsDouble()).isLessThan(json.get("nelbo").getAsDouble());
            assertThat(json.get("samples").getAsInt()).isEqualTo(20);
            assertThat(json.get("divergence").getAsString()).isEqualTo("kl:estimator=analytic");
            assertThat(json.get("neg_bound").getAsDouble()).isCloseTo(json.get("nelbo").getAsDouble(), within(1e-6));
        }

        @Test
        void evaluateRefusesABatchSizeOfZero() {
            assertUserError(CliTest.run("evaluate", "--model", run.resolve("model.vae").toString(), "--samples", "20",
                    "--batch-size", "0"), "--batch-size must be from 1 to 10000, got 0");
        }

        @Test
        void sampleWritesAGridAndRefusesToOverwriteIt() throws IOException {
            Path png = dir.resolve("samples.png");
            Result r = CliTest.run("sample", "--model", run.resolve("model.vae").toString(), "--output", png.toString(),
                    "--count", "10");
            assertThat(r.code()).as(r.err()).isZero();
            assertPng(png, 4 * 28 * 2, 3 * 28 * 2);
            assertUserError(CliTest.run("sample", "--model", run.resolve("model.vae").toString(), "--output", png.toString()),
                    "exists; choose another --output or pass --overwrite");
        }

        @Test
        void anExistingRunFolderIsNotTouchedWithoutOverwrite() throws IOException {
            byte[] before = Files.readAllBytes(run.resolve("model.vae"));
            assertUserError(CliTest.run("train", "--epochs", "1", "--output", run.toString()),
                    "output folder " + run + " exists; choose another --output or pass --overwrite");
            assertThat(Files.readAllBytes(run.resolve("model.vae"))).isEqualTo(before);
        }
    }

    @Nested
    @TestInstance(TestInstance.Lifecycle.PER_CLASS)
    class Adversarial {
        Path model;

        @BeforeAll
        void train(@TempDir Path tempDir) {
            Path run = tempDir.resolve("run");
            Result r = CliTest.run("train", "--divergence", "avb:hidden=32", "--sampler", "implicit:features=8,noise=4,hidden=16",
                    "--epochs", "1", "--hidden-dims", "32", "--output", run.toString());
            assertThat(r.code()).as(r.err()).isZero();
            model = run.resolve("model.vae");
        }

        @Test
        void evaluateSaysWhatItEstimatesWhereQHasNoDensity() {
            Result r = CliTest.run("evaluate", "--model", model.toString(), "--samples", "5", "--json");
            assertThat(r.code()).as(r.err()).isZero();
            assertThat(r.out()).contains("q has no density: this NELBO is the divergence's estimate",
                    "q has no density: the draws come from a Gaussian fitted to 256 draws of q per image");
            List<String> lines = r.out().lines().toList();
            JsonObject json = JsonParser.parseString(lines.get(lines.size() - 1)).getAsJsonObject();
            assertThat(json.get("nelbo_estimate").getAsString()).isEqualTo("discriminator");
            assertThat(json.get("proposal").getAsString()).isEqualTo("gaussian fitted to q");
            assertThat(json.get("nll").getAsDouble()).isBetween(50.0, 600.0);
        }

        @Test
        void anImplicitQIsRefusedWithADivergenceThatReadsItsDensity() {
            assertUserError(CliTest.run("train", "--sampler", "implicit", "--epochs", "1", "--output",
                    model.getParent().resolveSibling("refused").toString()),
                    "sampler implicit draws codes without a density, which divergence kl reads");
        }
    }

    @Nested
    @TestInstance(TestInstance.Lifecycle.PER_CLASS)
    class Conditional {
        Path dir;
        Path model;

        @BeforeAll
        void train(@TempDir Path tempDir) {
            dir = tempDir;
            Path run = dir.resolve("run");
            Result r = CliTest.run("train", "--condition", "labels", "--epochs", "1", "--hidden-dims", "32", "--output",
                    run.toString());
            assertThat(r.code()).as(r.err()).isZero();
            model = run.resolve("model.vae");
        }

        @Test
        void aRunOfAConditionalModelDrawsAManifoldPerClass() throws IOException {
            Path run = model.getParent();
            try (Stream<Path> files = Files.list(run)) {
                assertThat(files.map(p -> p.getFileName().toString())).contains("latent.png", "manifold-0.png",
                        "manifold-9.png").doesNotContain("manifold.png", "manifold-10.png");
            }
            assertPng(run.resolve("manifold-7.png"), 15 * 28 * 2, 15 * 28 * 2);
            assertThat(Files.readString(run.resolve("config.json"))).contains("\"condition\": \"labels:10\"");
        }

        @Test
        void aConditionalRunIsReplacedWithOverwriteByAPlainOne() throws IOException {
            Path run = dir.resolve("replaced");
            String[] args = {"train", "--condition", "labels", "--epochs", "1", "--hidden-dims", "8", "--output", run.toString()};
            assertThat(CliTest.run(args).code()).isZero();
            Result r = CliTest.run("train", "--epochs", "1", "--hidden-dims", "8", "--output", run.toString(), "--overwrite");
            assertThat(r.code()).as(r.err()).isZero();
            try (Stream<Path> files = Files.list(run)) {
                assertThat(files.map(p -> p.getFileName().toString())).contains("manifold.png").doesNotContain("manifold-0.png");
            }
        }

        @Test
        void sampleDrawsDigitsOfOneClass() throws IOException {
            Path png = dir.resolve("sevens.png");
            Result r = CliTest.run("sample", "--model", model.toString(), "--condition", "7", "--output", png.toString(),
                    "--count", "9");
            assertThat(r.code()).as(r.err()).isZero();
            assertPng(png, 3 * 28 * 2, 3 * 28 * 2);
        }

        @Test
        void sampleDrawsARowOfEachClass() throws IOException {
            Path png = dir.resolve("classes.png");
            Result r = CliTest.run("sample", "--model", model.toString(), "--condition", "each", "--output", png.toString(),
                    "--count", "4");
            assertThat(r.code()).as(r.err()).isZero();
            assertThat(r.out()).contains("wrote 40 samples");
            assertPng(png, 4 * 28 * 2, 10 * 28 * 2);
            assertUserError(CliTest.run("sample", "--model", model.toString(), "--condition", "each", "--count", "101",
                    "--output", png.toString(), "--overwrite"), "--count must be from 1 to 100 with --condition each, got 101");
        }

        @Test
        void evaluateReadsTheTestImagesWithTheirLabels() {
            Result r = CliTest.run("evaluate", "--model", model.toString(), "--samples", "5", "--json");
            assertThat(r.code()).as(r.err()).isZero();
            List<String> lines = r.out().lines().toList();
            JsonObject json = JsonParser.parseString(lines.get(lines.size() - 1)).getAsJsonObject();
            assertThat(json.get("nll").getAsDouble()).isLessThan(json.get("nelbo").getAsDouble());
        }

        @Test
        void aMissingOrBadConditionIsRefused() {
            Path png = dir.resolve("bad.png");
            assertUserError(CliTest.run("sample", "--model", model.toString(), "--output", png.toString()),
                    "is conditioned on labels:10; give --condition CLASS (0 to 9)");
            assertUserError(CliTest.run("sample", "--model", model.toString(), "--condition", "10", "--output",
                    png.toString()), "class 10 is outside the model's classes 0 to 9");
            assertUserError(CliTest.run("sample", "--model", model.toString(), "--condition", "seven", "--output",
                    png.toString()), "--condition takes an integer class, got seven");
            assertThat(png).doesNotExist();
        }

        @Test
        void aConditionOnAModelWithoutOneIsRefused() throws IOException {
            Path plain = dir.resolve("plain");
            assertThat(CliTest.run("train", "--epochs", "1", "--hidden-dims", "8", "--output", plain.toString()).code())
                    .isZero();
            assertUserError(CliTest.run("sample", "--model", plain.resolve("model.vae").toString(), "--condition", "3",
                    "--output", dir.resolve("p.png").toString()), "--condition applies to a conditional model");
        }

        @Test
        void badConditionsOfTrainingAreRefused() throws IOException {
            Path out = dir.resolve("out");
            assertUserError(CliTest.run("train", "--condition", "classes", "--output", out.toString()),
                    "condition 'classes' is not one of labels, labels:C or columns:N[,N...]");
            assertUserError(CliTest.run("train", "--condition", "labels:5", "--output", out.toString()),
                    "is outside the model's classes 0 to 4");
            assertUserError(CliTest.run("train", "--condition", "columns:3", "--output", out.toString()),
                    "a condition on columns takes data of one row per example (a CSV file), not images of 28x28");
            assertUserError(CliTest.run("train", "--condition", "labels", "--prior", "vamp", "--output", out.toString()),
                    "prior vamp is built from the encoder");
            Path csv = Files.writeString(dir.resolve("c.csv"), "a,b,c,label\n" + "0.1,0.2,0.3,1\n".repeat(5)
                    + "0.4,0.5,0.6,0\n".repeat(5));
            assertUserError(CliTest.run("train", "--data", csv.toString(), "--label-column", "3", "--condition",
                    "columns:5", "--output", out.toString()), "--condition names column 5, but the rows have 4 columns (0 to 3)");
            assertUserError(CliTest.run("train", "--data", csv.toString(), "--label-column", "3", "--condition",
                    "columns:3", "--output", out.toString()), "column 3 is the label column");
            assertUserError(CliTest.run("train", "--data", csv.toString(), "--condition", "labels", "--output",
                    out.toString()), "the data's labels are all 0");
            assertThat(out).doesNotExist();
        }

        @Test
        void aConditionOnCsvColumnsTrainsAndSamples() throws IOException {
            StringBuilder rows = new StringBuilder();
            java.util.Random rng = new java.util.Random(4);
            for (int i = 0; i < 40; i++) {
                rows.append(String.format(java.util.Locale.ROOT, "%.3f,%.3f,%.3f%n", rng.nextDouble(), rng.nextDouble(),
                        rng.nextDouble()));
            }
            Path csv = Files.writeString(dir.resolve("values.csv"), rows);
            Path run = dir.resolve("columns");
            Result r = CliTest.run("train", "--data", csv.toString(), "--condition", "columns:0", "--hidden-dims", "8",
                    "--epochs", "1", "--output", run.toString());
            assertThat(r.code()).as(r.err()).isZero();
            assertThat(r.out()).contains("(None, 2)");
            Path png = dir.resolve("columns.png");
            assertThat(CliTest.run("sample", "--model", run.resolve("model.vae").toString(), "--condition", "0.5",
                    "--output", png.toString(), "--count", "4").code()).isZero();
            assertUserError(CliTest.run("sample", "--model", run.resolve("model.vae").toString(), "--condition", "0.5,1",
                    "--output", png.toString(), "--overwrite"), "--condition takes 1 values for columns:0, got 2");
        }
    }

    @Nested
    class BadInput {
        @TempDir
        Path dir;

        private Result train(String... extra) {
            boolean epochsGiven = Arrays.stream(extra).anyMatch(a -> a.startsWith("--epochs"));
            Stream<String> base = Stream.of("train", "--output", dir.resolve("out").toString());
            Stream<String> epochs = epochsGiven ? Stream.empty() : Stream.of("--epochs", "1");
            return CliTest.run(Stream.of(base, epochs, Arrays.stream(extra)).flatMap(s -> s).toArray(String[]::new));
        }

        private void assertNoOutput() throws IOException {
            try (Stream<Path> files = Files.list(dir)) {
                assertThat(files.map(p -> p.getFileName().toString())).noneMatch(n -> n.startsWith("out") || n.startsWith(".out"));
            }
        }

        private Path dataCopy() throws IOException {
            Path data = Files.createDirectory(dir.resolve("data"));
            for (String name : List.of("train-images-idx3-ubyte.gz", "train-labels-idx1-ubyte.gz",
                    "t10k-images-idx3-ubyte.gz", "t10k-labels-idx1-ubyte.gz")) {
                Files.copy(EMBEDDED.resolve(name), data.resolve(name));
            }
            return data;
        }

        @Test
        void aLatentNetworkWithOneLatentLayerAndLayersOfRelaxedCodes() throws IOException {
            assertUserError(train("--latent-network", "mlp:hidden=8"), "--latent-network joins two latent layers, but "
                    + "--latent-dim gives one; give the layers' sizes, such as --latent-dim 20,10");
            assertUserError(train("--latent-dim", "2,0"), "latent dim must be from 1 to 4096, got 0");
            assertUserError(train("--latent-dim", "4,2", "--sampler", "gumbel"), "latent layers are Gaussian given the "
                    + "layer above, but sampler gumbel draws relaxed categoricals; choose a real family such as normal");
            assertUserError(train("--latent-dim", "4,2", "--prior", "vamp"), "prior vamp is built from the encoder");
            assertNoOutput();
        }

        @Test
        void aMissingDataFolder() throws IOException {
            assertUserError(train("--data", dir.resolve("nowhere").toString()), "expected a folder holding the MNIST IDX files");
            assertNoOutput();
        }

        @Test
        void anEmptyDataFolder() throws IOException {
            Path empty = Files.createDirectory(dir.resolve("empty"));
            assertUserError(train("--data", empty.toString()), "expected train-images-idx3-ubyte or train-images-idx3-ubyte.gz");
            assertNoOutput();
        }

        @Test
        void aFileThatIsNotIdx() throws IOException {
            Path data = dataCopy();
            Files.writeString(data.resolve("train-images-idx3-ubyte.gz"), "hello");
            assertUserError(train("--data", data.toString()), "wrong magic number");
            assertNoOutput();
        }

        @Test
        void aTruncatedFile() throws IOException {
            Path data = dataCopy();
            Path file = data.resolve("t10k-images-idx3-ubyte.gz");
            byte[] bytes = Files.readAllBytes(file);
            Files.write(file, Arrays.copyOf(bytes, bytes.length / 2));
            assertUserError(train("--data", data.toString()), "t10k-images-idx3-ubyte.gz: truncated");
            assertNoOutput();
        }

        @Test
        void mismatchedFiles() throws IOException {
            Path data = dataCopy();
            Files.copy(EMBEDDED.resolve("t10k-labels-idx1-ubyte.gz"), data.resolve("train-labels-idx1-ubyte.gz"),
                    java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            assertUserError(train("--data", data.toString()), "holds 2000 labels but");
            assertNoOutput();
        }

        @Test
        void anUnknownPlugin() throws IOException {
            assertUserError(train("--divergence", "wasserstein"), "unknown divergence 'wasserstein'; available: alpha, avb, chi, kl");
            assertUserError(train("--likelihood", "poisson"), "unknown likelihood 'poisson'; available: bernoulli, gaussian");
            assertNoOutput();
        }

        @Test
        void anUnknownOptimizer() throws IOException {
            assertUserError(train("--optimizer", "sgd"), "unknown optimizer 'sgd'; available: adam, rmsprop");
            assertNoOutput();
        }

        @Test
        void aThreadCountOutOfRange() throws IOException {
            assertUserError(train("--threads", "0"), "--threads must be from 1 to 64, got 0");
            assertNoOutput();
        }

        @Test
        void chiWithOneSample() throws IOException {
            assertUserError(train("--divergence", "chi"), "the chi divergence needs at least 2 samples per example");
            assertNoOutput();
        }

        @Test
        void anUnknownPluginParameter() throws IOException {
            assertUserError(train("--sampler", "normal:scale=2"), "sampler normal has no parameter 'scale'; it takes none");
            assertNoOutput();
        }

        @ParameterizedTest
        @ValueSource(strings = {"--epochs=0", "--batch-size=-5", "--latent-dim=0", "--learning-rate=NaN",
            "--learning-rate=-1", "--samples=0"})
        void anOutOfRangeNumber(String option) throws IOException {
            assertUserError(train(option), "must be");
            assertNoOutput();
        }

        @Test
        void aNetworkParameterOutOfRange() throws IOException {
            assertUserError(train("--hidden-dims=256,0"),
                    "network mlp: parameter hidden takes whole numbers separated by commas, each in [1, 65536], got 0");
            assertNoOutput();
        }

        @Test
        void anMlpShorthandWithoutAnMlpOrTwice() throws IOException {
            assertUserError(train("--encoder", "conv", "--decoder", "conv", "--activation", "tanh"),
                    "--hidden-dims, --activation and --weight-init set parameters of mlp networks, but encoder and "
                            + "decoder are conv and conv; give those networks' parameters as NAME:key=value");
            assertUserError(train("--encoder", "mlp:hidden=64", "--hidden-dims", "32"),
                    "--encoder mlp:hidden=64 sets hidden, which a shorthand option sets too; give it once");
            assertNoOutput();
        }

        @Test
        void aFlowOnRelaxedCategoricalsOrAPriorThatDoesNotFitTheFamily() throws IOException {
            assertUserError(train("--sampler", "gumbel", "--flow", "planar"), "flow planar transforms real codes, but "
                    + "sampler gumbel draws relaxed categoricals; choose a real family such as normal");
            assertUserError(train("--sampler", "gumbel", "--prior", "standard-normal"), "prior standard-normal is over "
                    + "real codes, but the sampler draws relaxed categoricals; choose --prior uniform-categorical");
            assertNoOutput();
        }

        @ParameterizedTest
        @ValueSource(strings = {"--epochs=ten", "--batch-size=1.5", "--learning-rate=fast", "--seed=x"})
        void somethingThatIsNotANumber(String option) throws IOException {
            Result r = train(option);
            assertUserError(r, "Invalid value for option");
            assertNoOutput();
        }

        private Path csv(String name, double scale) throws IOException {
            StringBuilder rows = new StringBuilder("x1,x2,x3,label\n");
            java.util.Random rng = new java.util.Random(3);
            for (int i = 0; i < 60; i++) {
                rows.append(String.format(java.util.Locale.ROOT, "%.4f,%.4f,%.4f,%d%n", scale * rng.nextDouble(),
                        scale * rng.nextDouble(), scale * rng.nextDouble(), i % 3));
            }
            return Files.writeString(dir.resolve(name), rows);
        }

        @Test
        void csvValuesOutsideTheUnitIntervalUnderBernoulli() throws IOException {
            assertUserError(train("--data", csv("wide.csv", 5).toString(), "--label-column", "3"),
                    "the bernoulli likelihood needs data values in [0.0, 1.0]");
            assertNoOutput();
        }

        @Test
        void csvWithANonNumericCellOrRaggedRows() throws IOException {
            Path bad = Files.writeString(dir.resolve("bad.csv"), "1,2\n3,oops\n5,6\n");
            assertUserError(train("--data", bad.toString()), "line 2, column 1: 'oops' is not a number");
            Path ragged = Files.writeString(dir.resolve("ragged.csv"), "1,2\n3\n5,6\n");
            assertUserError(train("--data", ragged.toString()), "line 2 has 1 cells; earlier rows have 2");
            Path empty = Files.writeString(dir.resolve("empty.csv"), "");
            assertUserError(train("--data", empty.toString()), "holds 0 data rows");
            assertNoOutput();
        }

        @Test
        void csvTrainsUnderAGaussianLikelihoodWhenStandardized() throws IOException {
            Result r = train("--data", csv("wide.csv", 5).toString(), "--label-column", "3", "--standardize",
                    "--likelihood", "gaussian", "--hidden-dims", "8", "--batch-size", "16");
            assertThat(r.code()).as(r.err()).isZero();
            assertThat(dir.resolve("out").resolve("model.vae")).exists();
            assertThat(dir.resolve("out").resolve("latent.png")).exists();
            assertThat(dir.resolve("out").resolve("manifold.png")).doesNotExist();
            assertThat(r.err()).contains("vae train: note: manifold.png is not drawn: the data are rows of a table");
            List<String> table = Files.readAllLines(dir.resolve("out").resolve("manifold.csv"));
            assertThat(table).hasSize(1 + 15 * 15);
            assertThat(table.get(0)).isEqualTo("z1,z2,column_0,column_1,column_2");
            assertThat(table.get(1).split(",")).hasSize(5);
            String model = dir.resolve("out").resolve("model.vae").toString();
            Result evaluated = CliTest.run("evaluate", "--model", model, "--data", csv("wide.csv", 5).toString(),
                    "--label-column", "3");
            assertThat(evaluated.code()).as(evaluated.err()).isZero();
            assertUserError(CliTest.run("evaluate", "--model", model, "--data", csv("wide.csv", 5).toString(),
                    "--label-column", "3", "--standardize"), "--standardize applies to vae train");
        }

        @Test
        void aTableWithoutLabelsIsSummarizedAsATableAndItsCodesHaveNoLabels() throws IOException {
            Result r = train("--data", csv("wide.csv", 5).toString(), "--standardize", "--likelihood", "gaussian",
                    "--hidden-dims", "8", "--batch-size", "16");
            assertThat(r.code()).as(r.err()).isZero();
            Path out = dir.resolve("out");
            JsonObject summary = JsonParser.parseString(Files.readString(out.resolve("summary.json"))).getAsJsonObject();
            assertThat(summary.get("data").toString()).isEqualTo("{\"kind\":\"table\",\"columns\":4}");
            assertThat(summary.get("labels").getAsBoolean()).isFalse();
            assertThat(summary.get("manifold").isJsonNull()).isTrue();
            int validation = summary.get("validation_examples").getAsInt();
            assertThat(summary.get("latent_examples").getAsInt()).isEqualTo(validation).isPositive();
            List<String> latent = Files.readAllLines(out.resolve("epochs/latent-0001.csv"));
            assertThat(latent).hasSize(1 + validation);
            assertThat(latent.get(1)).matches("0,,[-0-9.e]+,[-0-9.e]+");
            try (Stream<Path> files = Files.list(out.resolve("epochs"))) {
                assertThat(files.map(p -> p.getFileName().toString())).containsExactly("latent-0001.csv");
            }
        }

        @Test
        void anOutputThatCannotBeWritten() throws IOException {
            Path file = Files.writeString(dir.resolve("afile"), "x");
            assertUserError(CliTest.run("train", "--epochs", "1", "--output", file.resolve("run").toString()), "afile");
        }

        @Test
        void aMissingEmptyCorruptOrForeignModel() throws IOException {
            Path png = dir.resolve("s.png");
            assertUserError(CliTest.run("evaluate", "--model", dir.resolve("none.vae").toString()), "not found");
            Path empty = Files.createFile(dir.resolve("empty.vae"));
            assertUserError(CliTest.run("evaluate", "--model", empty.toString()), "is empty");
            Path text = Files.writeString(dir.resolve("text.vae"), "not a model at all");
            assertUserError(CliTest.run("sample", "--model", text.toString(), "--output", png.toString()),
                    "not a model file (not a zip archive)");
            Path zip = dir.resolve("other.zip");
            try (var out = new java.util.zip.ZipOutputStream(Files.newOutputStream(zip))) {
                out.putNextEntry(new java.util.zip.ZipEntry("readme.txt"));
            }
            assertUserError(CliTest.run("evaluate", "--model", zip.toString()), "no manifest.json");
            assertThat(png).doesNotExist();
        }
    }

    @Test
    void versionAndHelpExitCleanly() {
        assertThat(run("--version").out()).startsWith("vae ");
        assertThat(run("train", "--help").out()).contains("--latent-dim").contains("--divergence");
        Result none = run();
        assertThat(none.code()).isEqualTo(ExitCodes.USAGE);
        assertThat(none.out()).contains("Commands:");
    }

    @Test
    void adamIsChosenByNameAndRecordedInTheRunAndTheModel(@TempDir Path dir) throws IOException {
        Path run = dir.resolve("adam");

        Result r = run("train", "--epochs", "1", "--hidden-dims", "16", "--optimizer", "adam", "--output", run.toString());

        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).contains("optimizer: adam, learning rate 0.001");
        assertThat(Files.readString(run.resolve("config.json"))).contains("\"optimizer\": \"adam\"");
        assertThat(Vae.create().load(run.resolve("model.vae")).config().optimizer()).isEqualTo(Optimizer.ADAM);
        Result bench = run("bench", "--seconds", "1", "--hidden-dims", "16", "--optimizer", "adam", "--json");
        assertThat(bench.code()).as(bench.err()).isZero();
        List<String> lines = bench.out().lines().toList();
        assertThat(JsonParser.parseString(lines.get(lines.size() - 1)).getAsJsonObject().get("optimizer").getAsString())
                .isEqualTo("adam");
    }

    @Test
    void benchEndsWithItsFiguresAsJson() {
        Result r = run("bench", "--seconds", "1", "--hidden-dims", "32", "--json");
        assertThat(r.code()).as(r.err()).isZero();
        List<String> lines = r.out().lines().toList();
        JsonObject json = JsonParser.parseString(lines.get(lines.size() - 1)).getAsJsonObject();
        assertThat(json.get("train_samples_per_s").getAsDouble()).isPositive();
        assertThat(json.get("eval_samples_per_s").getAsDouble()).isPositive();
        assertThat(json.get("batch_size").getAsInt()).isEqualTo(100);
        assertThat(json.get("backend").getAsString()).contains("Cpu");
        assertUserError(run("bench", "--seconds", "0"), "--seconds must be from 1 to 3600");
    }

    @Test
    void benchProfileAccountsForTheWholeStepInItsTableAndItsJson() {
        Result r = run("bench", "--seconds", "1", "--profile", "--json");
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).contains("profile: ").contains("MmulBp").contains("RMSprop update").contains("other (batch");
        List<String> lines = r.out().lines().toList();
        JsonObject profile = JsonParser.parseString(lines.get(lines.size() - 1)).getAsJsonObject().getAsJsonObject("profile");
        assertThat(profile.get("planned").getAsBoolean()).isTrue();
        int ops = 0;
        double shares = profile.get("update_share_percent").getAsDouble() + profile.get("other_share_percent").getAsDouble();
        for (var c : profile.getAsJsonArray("op_classes")) {
            ops += c.getAsJsonObject().get("count").getAsInt();
            shares += c.getAsJsonObject().get("share_percent").getAsDouble();
        }
        assertThat(ops).isEqualTo(profile.get("ops").getAsInt()).isPositive();
        assertThat(shares).isCloseTo(100, within(1e-6));
    }

    @Test
    void pluginsListsEveryKindWithDescriptions() {
        Result r = run("plugins");
        assertThat(r.code()).isZero();
        assertThat(r.out()).contains("Likelihoods").contains("bernoulli").contains("normal").contains("kl");
    }

    private static void assertPng(Path file, int width, int height) throws IOException {
        BufferedImage image = ImageIO.read(file.toFile());
        assertThat(image).as(file.toString()).isNotNull();
        assertThat(image.getWidth()).isEqualTo(width);
        assertThat(image.getHeight()).isEqualTo(height);
    }
}
