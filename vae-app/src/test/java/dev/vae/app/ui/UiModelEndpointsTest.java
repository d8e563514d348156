package dev.vae.app.ui;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.vae.app.cli.Main;
import dev.vae.app.run.BatchLog;
import dev.vae.app.run.RunFolder;
import dev.vae.app.run.RunMarker;
import dev.vae.core.TrainedVae;
import dev.vae.core.Vae;
import dev.vae.core.data.CsvData;
import dev.vae.core.data.DataSplit;
import dev.vae.core.data.ImageSet;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.jar.JarFile;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The endpoints of one run over real HTTP: the model's decode and reconstruct against the model
 * itself, the files of a training run against their JSON, and what is refused. Three short real
 * runs of the command line are the fixtures: digits, digits conditioned on labels, and a
 * standardized table.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class UiModelEndpointsTest {
    private static final HttpClient CLIENT = HttpClient.newHttpClient();
    private static final String UPLOT = "META-INF/resources/webjars/uplot/1.6.30/dist/uPlot.iife.min.js";
    private static final int TRAIN = 300;
    private static final int TEST = 100;

    private Path dir;
    private Path runs;
    private Path csv;
    private ImageSet testDigits;
    private UiServer server;
    private final Vae vae = Vae.create();

    @BeforeAll
    void trainRuns(@TempDir Path tempDir) throws IOException {
        dir = tempDir;
        runs = Files.createDirectory(dir.resolve("runs"));
        DataSplit embedded = DataSplit.embedded();
        testDigits = embedded.test().head(TEST);
        Path digits = writeIdx(embedded.train().head(TRAIN), testDigits);
        train("--data", digits.toString(), "--output", runs.resolve("digits").toString());
        train("--data", digits.toString(), "--condition", "labels", "--output", runs.resolve("labels").toString());
        csv = writeTable(dir.resolve("table.csv"));
        train("--data", csv.toString(), "--standardize", "--likelihood", "gaussian", "--output",
                runs.resolve("table").toString());
        writeTrainingFiles(runs.resolve("digits"));
        removeTrainingFiles(runs.resolve("table"));
        server = UiServer.start(runs, "127.0.0.1", null);
    }

    @AfterAll
    void stop() {
        server.close();
    }

    @Test
    void decodeIsTheModelsDecodeOfThePointInAFewMilliseconds() throws Exception {
        TrainedVae model = vae.load(runs.resolve("digits/model.vae"));
        JsonObject body = json(get("/api/runs/digits/decode?z=0.5,-1.25"), 200);

        assertThat(body.get("epoch").getAsInt()).isEqualTo(1);
        assertThat(body.getAsJsonObject("image").get("rows").getAsInt()).isEqualTo(28);
        assertThat(body.getAsJsonObject("image").get("cols").getAsInt()).isEqualTo(28);
        assertThat(body.get("columns").getAsInt()).isEqualTo(784);
        assertClose(body.getAsJsonArray("values"), model.decode(Nd4j.createFromArray(new float[][] {{0.5f, -1.25f}})));

        long[] nanos = new long[99];
        for (int i = 0; i < nanos.length; i++) {
            long start = System.nanoTime();
            assertThat(get("/api/runs/digits/decode?z=" + (i / 50.0 - 1) + ",0.25").statusCode()).isEqualTo(200);
            nanos[i] = System.nanoTime() - start;
        }
        Arrays.sort(nanos);
        System.out.printf(Locale.ROOT, "decode over HTTP, calls 2 to 100: median %.2f ms, 90th percentile %.2f ms, max %.2f ms%n",
                nanos[49] / 1e6, nanos[89] / 1e6, nanos[98] / 1e6);
        // Nagle's algorithm alone made it some 45 ms: the bound is far above a decode and far below that.
        assertThat(nanos[49] / 1e6).as("median milliseconds of a decode").isLessThan(25);
    }

    @Test
    void aModelConditionedOnLabelsDecodesWithTheClassAndRefusesNone() throws Exception {
        TrainedVae model = vae.load(runs.resolve("labels/model.vae"));
        JsonObject body = json(get("/api/runs/labels/decode?z=0.25,0.75&condition=3"), 200);

        INDArray z = Nd4j.createFromArray(new float[][] {{0.25f, 0.75f}});
        assertClose(body.getAsJsonArray("values"), model.decode(z, model.condition().oneHot(3)));
        assertError(get("/api/runs/labels/decode?z=0.25,0.75"), 400, "conditioned on labels:10; give condition=K, a class from 0 to 9");
        assertError(get("/api/runs/labels/decode?z=0.25,0.75&condition=10"), 400, "a class from 0 to 9, got 10");
        assertError(get("/api/runs/labels/decode?z=0.25,0.75&condition=three"), 400, "got three");
        assertError(get("/api/runs/digits/decode?z=0.25,0.75&condition=3"), 400, "trained without a condition");
    }

    @Test
    void reconstructEncodesTheValidationExampleAndDecodesItsMean() throws Exception {
        TrainedVae model = vae.load(runs.resolve("digits/model.vae"));
        JsonObject body = json(get("/api/runs/digits/reconstruct?index=7"), 200);

        INDArray x = testDigits.images().getRow(7, true);
        assertThat(body.get("index").getAsInt()).isEqualTo(7);
        assertThat(body.get("label").getAsInt()).isEqualTo(testDigits.labels()[7]);
        assertClose(body.getAsJsonArray("input"), x);
        INDArray mean = model.encode(x).mean();
        assertClose(body.getAsJsonArray("z"), mean);
        INDArray z = Nd4j.createFromArray(new float[][] {floats(body.getAsJsonArray("z"))});
        assertClose(body.getAsJsonArray("reconstruction"), model.decode(z));
        assertClose(body.getAsJsonArray("reconstruction"), model.decode(mean));
        assertError(get("/api/runs/digits/reconstruct?index=100"), 400, "index must be from 0 to 99");
        assertError(get("/api/runs/digits/reconstruct?index=-1"), 400, "index must be 0 or more");
        assertError(get("/api/runs/digits/reconstruct?index=x"), 400, "index must be a whole number");
        assertError(get("/api/runs/digits/reconstruct"), 400, "give index=I");
    }

    @Test
    void aConditionalReconstructionKeepsTheExamplesCodeAndDecodesWithTheClassGiven() throws Exception {
        TrainedVae model = vae.load(runs.resolve("labels/model.vae"));
        JsonObject body = json(get("/api/runs/labels/reconstruct?index=4&condition=1"), 200);

        int label = testDigits.labels()[4];
        INDArray row = Nd4j.hstack(testDigits.images().getRow(4, true), model.condition().oneHot(label));
        INDArray mean = model.encode(row).mean();
        assertClose(body.getAsJsonArray("z"), mean);
        assertClose(body.getAsJsonArray("reconstruction"), model.decode(mean, model.condition().oneHot(1)));
        assertClose(json(get("/api/runs/labels/reconstruct?index=4"), 200).getAsJsonArray("reconstruction"),
                model.decode(mean, model.condition().oneHot(label)));
    }

    @Test
    void aStandardizedTableIsDecodedAndReconstructedInTheDatasOwnUnits() throws Exception {
        TrainedVae model = vae.load(runs.resolve("table/model.vae"));
        assertThat(model.standardization()).isPresent();
        JsonObject decoded = json(get("/api/runs/table/decode?z=0,0"), 200);
        assertThat(decoded.get("image").isJsonNull()).isTrue();
        assertThat(decoded.get("columns").getAsInt()).isEqualTo(3);
        assertClose(decoded.getAsJsonArray("values"), model.decode(Nd4j.zeros(DataType.FLOAT, 1, 2)));
        // The table's columns have means 10, 20 and 30: in data units, not standardized ones.
        float[] values = floats(decoded.getAsJsonArray("values"));
        for (int j = 0; j < 3; j++) {
            assertThat((double) values[j]).isCloseTo(10.0 * (j + 1), within(6.0));
        }

        JsonObject body = json(get("/api/runs/table/reconstruct?index=2"), 200);
        ImageSet validation = CsvData.read(csv, CsvData.NO_LABELS, 0.2, 1).test();
        assertClose(body.getAsJsonArray("input"), validation.images().getRow(2, true));
        assertThat(body.get("label").isJsonNull()).isTrue();
        INDArray mean = model.encode(validation.images().getRow(2, true)).mean();
        assertClose(body.getAsJsonArray("reconstruction"), model.decode(mean));
    }

    @Test
    void aBadLatentPointIsABadRequest() throws Exception {
        assertError(get("/api/runs/digits/decode?z=1"), 400, "z must have 2 values (the model's latent width), got 1");
        assertError(get("/api/runs/digits/decode?z=1,2,3"), 400, "got 3");
        assertError(get("/api/runs/digits/decode?z=1,a"), 400, "z takes numbers; value 2 is 'a'");
        assertError(get("/api/runs/digits/decode?z=1,NaN"), 400, "z takes finite numbers; value 2 is NaN");
        assertError(get("/api/runs/digits/decode?z=Infinity,1"), 400, "finite numbers");
        assertError(get("/api/runs/digits/decode?z=1,1e39"), 400, "finite numbers");
        assertError(get("/api/runs/digits/decode"), 400, "give z=v,v");
    }

    @Test
    void aRunWithoutAModelYetIsNotFoundAndACheckpointServesUntilTheModelComes() throws Exception {
        try (RunFolder run = RunFolder.create(runs.resolve("fresh"), false, List.of("--epochs", "1"))) {
            assertError(get("/api/runs/.fresh.partial/decode?z=0,0"), 404, "no model yet (the first epoch has not ended)");
            assertThat(json(get("/api/runs/.fresh.partial"), 200).get("model").isJsonNull()).isTrue();

            Files.copy(runs.resolve("digits/model.vae"), run.file("checkpoint.vae"));
            JsonObject model = json(get("/api/runs/.fresh.partial"), 200).getAsJsonObject("model");
            assertThat(model.get("file").getAsString()).isEqualTo("checkpoint.vae");
            assertThat(model.get("epoch").getAsInt()).isEqualTo(1);
            assertThat(json(get("/api/runs/.fresh.partial/decode?z=0,0"), 200).getAsJsonArray("values")).hasSize(784);
        }
    }

    @Test
    void aCorruptModelOrSummaryIsAServerErrorAndTheServerGoesOn() throws Exception {
        Path broken = Files.createDirectory(runs.resolve("broken"));
        Files.copy(runs.resolve("digits").resolve(RunMarker.FILE), broken.resolve(RunMarker.FILE));
        Files.writeString(broken.resolve("model.vae"), "not a model");

        HttpResponse<String> response = get("/api/runs/broken/decode?z=0,0");
        assertThat(response.statusCode()).isEqualTo(500);
        assertThat(error(response)).contains("model.vae").doesNotContain("\n");
        assertThat(json(get("/api/runs/broken"), 200).getAsJsonObject("model").get("error").getAsString()).contains("model.vae");

        Files.writeString(broken.resolve("summary.json"), "{\"layers\": [");
        assertThat(error(get("/api/runs/broken"))).contains("summary.json is not JSON");
        JsonObject listed = entry("broken");
        assertThat(listed.get("status").getAsString()).isEqualTo("error");
        assertThat(json(get("/api/runs/digits/decode?z=0,0"), 200).getAsJsonArray("values")).hasSize(784);
    }

    @Test
    void batchesAfterAStepAreTheLaterCompleteLines() throws Exception {
        JsonObject all = json(get("/api/runs/digits/batches"), 200);
        assertThat(all.get("after").getAsInt()).isZero();
        assertThat(all.get("last").getAsInt()).isEqualTo(6);
        assertThat(all.getAsJsonArray("step")).hasSize(6);

        JsonObject later = json(get("/api/runs/digits/batches?after=3"), 200);
        assertThat(later.get("after").getAsInt()).isEqualTo(3);
        assertThat(later.get("last").getAsInt()).isEqualTo(6);
        assertThat(ints(later.getAsJsonArray("step"))).containsExactly(4, 5, 6);
        assertThat(ints(later.getAsJsonArray("epoch"))).containsExactly(2, 2, 2);
        assertThat(later.getAsJsonArray("seconds").get(0).getAsDouble()).isEqualTo(0.8);
        assertThat(later.getAsJsonArray("loss").get(0).getAsDouble()).isEqualTo(181.5);
        assertThat(later.getAsJsonArray("loss").get(2).isJsonNull()).as("NaN loss").isTrue();

        JsonObject none = json(get("/api/runs/digits/batches?after=6"), 200);
        assertThat(none.getAsJsonArray("step")).isEmpty();
        assertThat(none.get("last").getAsInt()).isEqualTo(6);
        assertError(get("/api/runs/digits/batches?after=x"), 400, "after must be a whole number");
        assertThat(json(get("/api/runs/table/batches"), 200).getAsJsonArray("loss")).isEmpty();
    }

    @Test
    void latentCodesAreTheCsvsAndTheLastEpochByDefault() throws Exception {
        Path file = runs.resolve("digits/epochs/latent-0001.csv");
        JsonObject first = json(get("/api/runs/digits/latent?epoch=1"), 200);

        List<String> lines = Files.readAllLines(file);
        assertThat(first.get("epoch").getAsInt()).isEqualTo(1);
        assertThat(first.get("dims").getAsInt()).isEqualTo(2);
        assertThat(first.getAsJsonArray("index")).hasSize(lines.size() - 1);
        for (int i = 1; i < lines.size(); i++) {
            String[] cells = lines.get(i).split(",", -1);
            assertThat(first.getAsJsonArray("index").get(i - 1).getAsInt()).isEqualTo(Integer.parseInt(cells[0]));
            JsonElement label = first.getAsJsonArray("label").get(i - 1);
            if (cells[1].isEmpty()) {
                assertThat(label.isJsonNull()).isTrue();
            } else {
                assertThat(label.getAsInt()).isEqualTo(Integer.parseInt(cells[1]));
            }
            JsonArray z = first.getAsJsonArray("z").get(i - 1).getAsJsonArray();
            assertThat(z.get(0).getAsDouble()).isEqualTo(Double.parseDouble(cells[2]));
            assertThat(z.get(1).getAsDouble()).isEqualTo(Double.parseDouble(cells[3]));
        }
        assertThat(json(get("/api/runs/digits/latent"), 200).get("epoch").getAsInt()).isEqualTo(2);
        assertError(get("/api/runs/digits/latent?epoch=3"), 404, "no latent codes of epoch 3");
        assertError(get("/api/runs/digits/latent?epoch=0"), 400, "epoch must be 1 or more");
        assertError(get("/api/runs/table/latent"), 404, "no latent codes yet");
    }

    @Test
    void theManifoldIsThePngOfItsFile() throws Exception {
        HttpResponse<byte[]> png = getBytes("/api/runs/digits/manifold.png?epoch=1");

        assertThat(png.statusCode()).isEqualTo(200);
        assertThat(png.headers().firstValue("Content-Type")).hasValue("image/png");
        assertThat(png.body()).isEqualTo(Files.readAllBytes(runs.resolve("digits/epochs/manifold-0001.png")));
        assertThat(ImageIO.read(new java.io.ByteArrayInputStream(png.body())).getWidth()).isEqualTo(30);
        assertThat(getBytes("/api/runs/digits/manifold.png").body()).isEqualTo(png.body());
        assertThat(get("/api/runs/digits/manifold.png?epoch=2").statusCode()).isEqualTo(404);
    }

    @Test
    void aRunsEntryHasItsSummaryProgressEpochFilesAndModel() throws Exception {
        JsonObject run = json(get("/api/runs/digits"), 200);

        assertThat(run.get("status").getAsString()).isEqualTo("complete");
        assertThat(run.getAsJsonObject("summary").get("latent_dims").getAsInt()).isEqualTo(2);
        assertThat(run.getAsJsonObject("progress").get("state").getAsString()).isEqualTo("finished");
        assertThat(ints(run.getAsJsonArray("latent_epochs"))).containsExactly(1, 2);
        assertThat(ints(run.getAsJsonArray("manifold_epochs"))).containsExactly(1);
        assertThat(run.getAsJsonObject("model").get("file").getAsString()).isEqualTo("model.vae");
        assertThat(run.getAsJsonObject("model").get("epoch").getAsInt()).isEqualTo(1);
        assertThat(entry("digits").getAsJsonObject("summary").get("total_parameters").getAsInt()).isEqualTo(1234);
        assertThat(entry("table").get("summary").isJsonNull()).isTrue();
        assertError(get("/api/runs/nothing"), 404, "no run nothing");
        assertError(get("/api/runs/%2e%2e/decode?z=0,0"), 400, "folder's name alone");
        assertError(get("/api/runs/digits/nothing"), 404, "no such endpoint");
    }

    @Test
    void aRunFolderMadeWhileServedAppearsWithItsProgress() throws Exception {
        assertThat(get("/api/runs").body()).doesNotContain("later");
        try (RunFolder run = RunFolder.create(runs.resolve("later"), false, List.of("--epochs", "1"))) {
            Files.writeString(run.file("progress.json"), "{\"epoch\":1,\"epochs\":1,\"state\":\"training\"}");

            JsonObject listed = entry(".later.partial");
            assertThat(listed.get("status").getAsString()).isEqualTo("training");
            assertThat(listed.getAsJsonObject("progress").get("state").getAsString()).isEqualTo("training");
        }
    }

    @Test
    void theChartLibraryAndThePagesFilesAreServedWithTheirTypes() throws Exception {
        HttpResponse<byte[]> js = getBytes("/webjars/uplot/1.6.30/dist/uPlot.iife.min.js");

        assertThat(js.statusCode()).isEqualTo(200);
        assertThat(js.headers().firstValue("Content-Type")).hasValue("text/javascript; charset=utf-8");
        assertThat(js.body()).isEqualTo(fromJar(UPLOT));
        HttpResponse<byte[]> css = getBytes("/webjars/uplot/1.6.30/dist/uPlot.min.css");
        assertThat(css.headers().firstValue("Content-Type")).hasValue("text/css; charset=utf-8");
        assertThat(css.body()).isEqualTo(fromJar(UPLOT.replace("uPlot.iife.min.js", "uPlot.min.css")));
        assertThat(get("/webjars/uplot/1.6.30/dist/%2e%2e/package.json").statusCode()).isEqualTo(404);
        assertThat(get("/webjars/uplot/1.6.30/../../../dev/vae/app/ui/index.html").statusCode()).isEqualTo(404);
        assertThat(get("/webjars/uplot/1.6.30/README.md").statusCode()).isEqualTo(404);
        assertThat(get("/app.js").headers().firstValue("Content-Type")).hasValue("text/javascript; charset=utf-8");
        assertThat(get("/style.css").headers().firstValue("Content-Type")).hasValue("text/css; charset=utf-8");
        assertThat(get("/index.html").headers().firstValue("Content-Type")).hasValue("text/html; charset=utf-8");
    }

    /** The entry's bytes in the webjar itself, read from the jar file that the module path holds. */
    private static byte[] fromJar(String entry) throws IOException {
        URI jar = ModuleLayer.boot().configuration().findModule("uplot").orElseThrow().reference().location().orElseThrow();
        try (JarFile file = new JarFile(Path.of(jar).toFile()); InputStream in = file.getInputStream(file.getEntry(entry))) {
            return in.readAllBytes();
        }
    }

    private static void train(String... options) {
        List<String> args = new java.util.ArrayList<>(List.of("train", "--epochs", "1", "--hidden-dims", "16",
                "--batch-size", "50", "--quiet"));
        args.addAll(List.of(options));
        StringWriter err = new StringWriter();
        int code = Main.run(args.toArray(String[]::new), new PrintWriter(new StringWriter()), new PrintWriter(err, true));
        assertThat(code).as(err.toString()).isZero();
    }

    /** The digits as the four IDX files of a folder, as vae train --data reads them. */
    private Path writeIdx(ImageSet train, ImageSet test) throws IOException {
        Path folder = Files.createDirectory(dir.resolve("digits"));
        writeIdxPair(folder, "train", train);
        writeIdxPair(folder, "t10k", test);
        return folder;
    }

    private static void writeIdxPair(Path folder, String prefix, ImageSet set) throws IOException {
        float[] pixels = set.images().dup('c').data().asFloat();
        try (DataOutputStream out = new DataOutputStream(Files.newOutputStream(folder.resolve(prefix + "-images-idx3-ubyte")))) {
            out.writeInt(0x803);
            out.writeInt(set.size());
            out.writeInt(set.rows());
            out.writeInt(set.cols());
            for (float p : pixels) {
                out.writeByte(Math.round(p * 255));
            }
        }
        try (DataOutputStream out = new DataOutputStream(Files.newOutputStream(folder.resolve(prefix + "-labels-idx1-ubyte")))) {
            out.writeInt(0x801);
            out.writeInt(set.size());
            for (int label : set.labels()) {
                out.writeByte(label);
            }
        }
    }

    /** 200 rows of three columns about 10, 20 and 30, far from the standardized scale. */
    private static Path writeTable(Path file) throws IOException {
        Random rng = new Random(7);
        StringBuilder rows = new StringBuilder();
        for (int i = 0; i < 200; i++) {
            double t = rng.nextGaussian();
            rows.append(String.format(Locale.ROOT, "%.4f,%.4f,%.4f%n", 10 + t, 20 + 2 * t + 0.3 * rng.nextGaussian(),
                    30 + 3 * rng.nextGaussian()));
        }
        return Files.writeString(file, rows);
    }

    /** Makes {@code run} look like a run of an earlier version, which wrote none of the page's files. */
    private static void removeTrainingFiles(Path run) throws IOException {
        for (String name : List.of("summary.json", "progress.json", BatchLog.FILE)) {
            Files.delete(run.resolve(name));
        }
        try (var written = Files.list(run.resolve("epochs"))) {
            for (Path file : written.toList()) {
                Files.delete(file);
            }
        }
        Files.delete(run.resolve("epochs"));
    }

    /**
     * The files a training run writes besides its model, written over the run's own by hand, with the
     * edge cases a reader must take: a NaN loss, a line being written, an unlabelled code, a file
     * that is no epoch's.
     */
    private static void writeTrainingFiles(Path run) throws IOException {
        Files.writeString(run.resolve("summary.json"), "{\"layers\":[],\"total_parameters\":1234,\"latent_dims\":2,"
                + "\"code_categories\":0,\"data\":{\"kind\":\"image\",\"rows\":28,\"cols\":28},\"labels\":true,"
                + "\"condition\":{\"kind\":\"none\",\"classes\":0},\"validation_examples\":100,\"latent_examples\":100,"
                + "\"manifold\":null,\"prior_mean\":[0,0]}");
        Files.writeString(run.resolve("progress.json"), "{\"epoch\":2,\"epochs\":2,\"examples_done\":300,"
                + "\"examples_per_epoch\":300,\"step\":6,\"examples_per_second\":null,\"eta_seconds\":null,"
                + "\"state\":\"finished\",\"updated\":\"2026-11-26T10:00:00Z\"}");
        Files.writeString(run.resolve(BatchLog.FILE), "step,epoch,examples,seconds,loss\n1,1,100,0.2,210.5\n"
                + "2,1,200,0.4,200.25\n3,1,300,0.6,190\n4,2,100,0.8,181.5\n5,2,200,1.0,175.125\n6,2,300,1.2,NaN\n7,3,1");
        Path epochs = run.resolve("epochs");
        try (var written = Files.list(epochs)) {
            for (Path file : written.toList()) {
                Files.delete(file);
            }
        }
        Files.writeString(epochs.resolve("latent-0001.csv"), "index,label,z1,z2\n0,7,-0.123456,1.5\n1,2,0.5,-2.25e-05\n"
                + "2,,3.14159,0\n");
        Files.writeString(epochs.resolve("latent-0002.csv"), "index,label,z1,z2\n0,7,0.1,0.2\n");
        Files.writeString(epochs.resolve("latent-notes.txt"), "not an epoch's file");
        BufferedImage picture = new BufferedImage(30, 30, BufferedImage.TYPE_BYTE_GRAY);
        picture.getRaster().setSample(3, 4, 0, 200);
        try (OutputStream out = Files.newOutputStream(epochs.resolve("manifold-0001.png"))) {
            ImageIO.write(picture, "png", out);
        }
    }

    private static void assertClose(JsonArray actual, INDArray expected) {
        float[] values = expected.castTo(DataType.FLOAT).toFloatVector();
        assertThat(actual).hasSize(values.length);
        for (int i = 0; i < values.length; i++) {
            assertThat(actual.get(i).getAsDouble()).as("value %d", i).isCloseTo(values[i], within(1e-6));
        }
    }

    private static float[] floats(JsonArray array) {
        float[] values = new float[array.size()];
        for (int i = 0; i < values.length; i++) {
            values[i] = array.get(i).getAsFloat();
        }
        return values;
    }

    private static List<Integer> ints(JsonArray array) {
        return array.asList().stream().map(JsonElement::getAsInt).toList();
    }

    private JsonObject entry(String id) throws Exception {
        for (JsonElement run : JsonParser.parseString(get("/api/runs").body()).getAsJsonArray()) {
            if (run.getAsJsonObject().get("id").getAsString().equals(id)) {
                return run.getAsJsonObject();
            }
        }
        throw new AssertionError("no run " + id + " in the list");
    }

    private static JsonObject json(HttpResponse<String> response, int status) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/json; charset=utf-8");
        return JsonParser.parseString(response.body()).getAsJsonObject();
    }

    private static String error(HttpResponse<String> response) {
        return json(response, response.statusCode()).get("error").getAsString();
    }

    private static void assertError(HttpResponse<String> response, int status, String message) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        assertThat(error(response)).contains(message).doesNotContain("\n");
    }

    private HttpResponse<String> get(String rawPath) throws Exception {
        return CLIENT.send(HttpRequest.newBuilder(uri(rawPath)).GET().build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }

    private HttpResponse<byte[]> getBytes(String rawPath) throws Exception {
        return CLIENT.send(HttpRequest.newBuilder(uri(rawPath)).GET().build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    private URI uri(String rawPath) {
        URI base = server.uri();
        return URI.create("http://" + base.getHost() + ":" + base.getPort() + rawPath);
    }
}
