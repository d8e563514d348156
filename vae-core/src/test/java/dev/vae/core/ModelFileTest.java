package dev.vae.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.gson.GsonBuilder;
import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.vae.api.Posterior;
import dev.vae.core.data.DataSplit;
import dev.vae.core.data.ImageSet;
import dev.vae.core.modelfile.Forgery;
import dev.vae.core.modelfile.ModelArchive;
import dev.vae.core.plugin.PluginChoice;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

class ModelFileTest {
    private static final VaeConfig CONFIG = VaeConfig.builder().epochs(1).hiddenDims(List.of(32)).build();
    /** The values of the weights of {@link #CONFIG} on 784 pixels: 784x32+32, 32x4+4, 2x32+32, 32x784+784. */
    private static final long WEIGHT_VALUES = 25_120 + 132 + 96 + 25_872;
    private static Vae vae;
    private static ImageSet train;
    private static ImageSet images;
    private static TrainedVae model;

    @TempDir
    Path dir;

    @BeforeAll
    static void train() throws IOException {
        vae = Vae.create();
        DataSplit data = DataSplit.embedded();
        train = data.train().head(300);
        images = data.test().head(50);
        model = vae.train(CONFIG, train, images, TrainingListener.NONE);
    }

    @Test
    void aSavedModelLoadsWithIdenticalOutputs() throws IOException {
        Path file = dir.resolve("model.vae");
        model.save(file);
        TrainedVae loaded = vae.load(file);

        assertThat(loaded.config()).isEqualTo(model.config());
        assertThat(loaded.history()).isEqualTo(withoutTimes(model.history()));
        assertThat(loaded.nelbo(images.images(), 3)).isEqualTo(model.nelbo(images.images(), 3));
        Posterior a = model.encode(images.images());
        Posterior b = loaded.encode(images.images());
        assertThat(b.mean()).isEqualTo(a.mean());
        assertThat(b.variance()).isEqualTo(a.variance());
        assertThat(loaded.sample(5, 8)).isEqualTo(model.sample(5, 8));
        assertThat(Files.list(dir)).containsExactly(file);
    }

    @Test
    void oneSeedGivesAByteIdenticalFile() throws IOException {
        TrainedVae again = vae.train(CONFIG, train, images, TrainingListener.NONE);
        Path first = dir.resolve("first.vae");
        Path second = dir.resolve("second.vae");
        model.save(first);
        again.save(second);

        assertThat(again.history().get(0).seconds()).isNotEqualTo(model.history().get(0).seconds());
        assertThat(Files.mismatch(first, second)).isEqualTo(-1);
    }

    @Test
    void theManifestRecordsChecksumsAndTheEnvironmentButNoTimes() throws IOException {
        JsonObject manifest = JsonParser.parseString(manifest()).getAsJsonObject();
        byte[] kernel = Forgery.entry(saved(), "weights/encoder.0.W.npy");

        assertThat(manifest.get("version").getAsInt()).isEqualTo(3);
        assertThat(manifest.getAsJsonObject("checksums").get("weights/encoder.0.W.npy").getAsString())
                .isEqualTo(ModelArchive.sha256(kernel)).hasSize(64);
        assertThat(manifest.getAsJsonObject("checksums").keySet()).hasSize(8);
        JsonObject environment = manifest.getAsJsonObject("environment");
        assertThat(environment.get("threads").getAsInt()).isEqualTo(Nd4j.getEnvironment().maxMasterThreads());
        assertThat(environment.get("nd4j").getAsString()).isEqualTo("1.0.0-M2.1");
        assertThat(environment.get("blas").getAsString()).matches("(OPENBLAS|MKL) \\d.*");
        assertThat(manifest.getAsJsonArray("history").get(0).getAsJsonObject().keySet())
                .containsExactly("epoch", "trainLoss", "trainNelbo", "validationNelbo");
    }

    @Test
    void everyPluginParameterIsRecordedWithItsDefaultSoALaterDefaultCannotChangeTheModel() throws IOException {
        VaeConfig config = CONFIG.toBuilder().likelihood(PluginChoice.parse("gaussian:fixed_variance=0.5"))
                .divergence(PluginChoice.parse("alpha")).samples(2).build();
        ImageSet small = train.head(100);
        Path file = dir.resolve("defaults.vae");
        vae.train(config, small, small, TrainingListener.NONE).save(file);

        VaeConfig loaded = vae.load(file).config();

        assertThat(loaded.likelihood()).isEqualTo(PluginChoice.parse("gaussian:fixed_variance=0.5,min_variance=0.001"));
        assertThat(loaded.divergence()).isEqualTo(PluginChoice.parse("alpha:alpha=0.5"));
        assertThat(loaded.sampler()).isEqualTo(PluginChoice.parse("normal"));
    }

    @Test
    void theOptimizerIsRecordedAndAFileWithoutOneReadsAsRmsprop() throws IOException {
        ImageSet small = train.head(100);
        Path adam = dir.resolve("adam.vae");
        vae.train(CONFIG.toBuilder().optimizer(Optimizer.ADAM).build(), small, small, TrainingListener.NONE).save(adam);
        assertThat(manifest()).contains("\"optimizer\": \"rmsprop\",");
        Path older = rebuild(saved(), Map.of(), m -> m.replace("\"optimizer\": \"rmsprop\",", ""), false);
        Path unknown = rebuild(saved(), Map.of(), m -> m.replace("\"optimizer\": \"rmsprop\"", "\"optimizer\": \"sgd\""),
                false);

        assertThat(vae.load(adam).config().optimizer()).isEqualTo(Optimizer.ADAM);
        assertThat(vae.load(older).config()).isEqualTo(model.config());
        assertThat(vae.load(older).config().optimizer()).isEqualTo(Optimizer.RMSPROP);
        assertThatThrownBy(() -> vae.load(unknown)).isInstanceOf(ModelFileException.class)
                .hasMessage(unknown + ": manifest.json names an unknown optimizer 'sgd'; available: adam, rmsprop");
    }

    @Test
    void aTrainingStateRoundTrips() throws IOException {
        Path file = dir.resolve("checkpoint.vae");
        JsonObject json = new JsonObject();
        json.addProperty("epoch", 3);
        json.addProperty("rng", "state-42");
        INDArray squares = Nd4j.createFromArray(new float[][] {{1.5f, 2}, {3, 4.25f}, {0, 1e-30f}});
        INDArray step = Nd4j.createFromArray(7.0, 0.5);
        ModelFile.write(file, model.graph(), model.history(), 28, 28, Optional.empty(),
                Optional.of(new ModelFile.TrainingState(json, Map.of("rms.encoder.0.W", squares, "step", step))));

        ModelFile.Contents contents = ModelFile.readContents(file, vae.plugins());

        ModelFile.TrainingState state = contents.state().orElseThrow();
        assertThat(state.json()).isEqualTo(json);
        assertThat(state.arrays().keySet()).containsExactly("rms.encoder.0.W", "step");
        assertThat(state.arrays().get("rms.encoder.0.W")).isEqualTo(squares);
        assertThat(state.arrays().get("step").dataType()).isEqualTo(DataType.DOUBLE);
        assertThat(state.arrays().get("step")).isEqualTo(step);
        assertThat(contents.model().nelbo(images.images(), 3)).isEqualTo(model.nelbo(images.images(), 3));
        assertThat(vae.load(file).config()).isEqualTo(model.config());
        assertThat(ModelFile.readContents(saved(), vae.plugins()).state()).isEmpty();
    }

    @Test
    void aStateArrayIsCheckedLikeAWeight() throws IOException {
        Path file = dir.resolve("checkpoint.vae");
        ModelFile.write(file, model.graph(), model.history(), 28, 28, Optional.empty(), Optional.of(new ModelFile.TrainingState(
                new JsonObject(), Map.of("m", Nd4j.createFromArray(1f, 2f, 3f)))));
        Path hostile = rebuild(file, Map.of("state/m.npy", Forgery.npy("<f4", "(3,)", Forgery.floats(1, Float.NaN, 3))), m -> m, true);

        assertThatThrownBy(() -> vae.load(hostile)).isInstanceOf(ModelFileException.class)
                .hasMessage(hostile + ": state array m holds NaN or infinite values");
    }

    @Test
    void aHugeStateArrayIsRefusedBeforeAnythingIsRead() throws IOException {
        Path file = dir.resolve("checkpoint.vae");
        ModelFile.write(file, model.graph(), model.history(), 28, 28, Optional.empty(), Optional.of(new ModelFile.TrainingState(
                new JsonObject(), Map.of("m", Nd4j.createFromArray(1f, 2f, 3f)))));
        Path huge = rebuild(file, Map.of(), m -> m.replaceAll("\"m\": \\[\\s*3\\s*]", "\"m\": [1000000, 1000000]"), false);
        long heap = Runtime.getRuntime().maxMemory();
        long perArray = 16_000L * 16_000;
        long count = heap / 8 / perArray + 1;
        StringBuilder arrays = new StringBuilder();
        for (int i = 0; i < count; i++) {
            arrays.append("\"a").append(i).append("\": [16000, 16000], ");
        }
        Path large = rebuild(file, Map.of(), m -> m.replaceAll("\"m\": \\[\\s*3\\s*]", arrays + "\"m\": [3]"), false);

        assertThatThrownBy(() -> vae.load(huge)).hasMessage(huge + ": declares an array of shape (1000000, 1000000),"
                + " more than the 268427261 values one array may hold");
        assertThatThrownBy(() -> vae.load(large)).hasMessage(large + ": declares arrays of "
                + ((count * perArray + 3 + WEIGHT_VALUES) * 8 >> 20) + " MiB, more than this JVM's heap of " + (heap >> 20)
                + " MiB can read; run java with a larger -Xmx");
    }

    @Test
    void anObjectArrayIsRefusedBeforeNd4jSeesIt() throws IOException {
        Path file = withEntry("weights/encoder.0.b.npy", Forgery.npy("|O", "(32,)", new byte[32 * 8]));
        assertThatThrownBy(() -> vae.load(file)).isInstanceOf(ModelFileException.class)
                .hasMessage(file + ": weight encoder.0.b has dtype '|O'; expected '<f4' or '<f8'");
    }

    @Test
    void aHugeDeclaredShapeIsRefused() throws IOException {
        Path file = withEntry("weights/encoder.0.W.npy", Forgery.npy("<f4", "(1000000, 1000000)", new byte[400]));
        assertThatThrownBy(() -> vae.load(file))
                .hasMessage(file + ": weight encoder.0.W has shape (1000000, 1000000); expected (784, 32)");
    }

    @Test
    void aNegativeDimensionIsRefused() throws IOException {
        Path file = withEntry("weights/encoder.0.b.npy", Forgery.npy("<f4", "(-32,)", new byte[128]));
        assertThatThrownBy(() -> vae.load(file))
                .hasMessage(file + ": weight encoder.0.b has shape (-32,), with a negative dimension");
    }

    @Test
    void aFortranOrderArrayIsRefused() throws IOException {
        byte[] npy = Forgery.npy("<f4", "(784, 32)", new byte[784 * 32 * 4]);
        Path file = withEntry("weights/encoder.0.W.npy", new String(npy, StandardCharsets.ISO_8859_1)
                .replace("'fortran_order': False", "'fortran_order': True ").getBytes(StandardCharsets.ISO_8859_1));
        assertThatThrownBy(() -> vae.load(file))
                .hasMessage(file + ": weight encoder.0.W is stored in Fortran order; expected C order");
    }

    @Test
    void shortDataIsRefused() throws IOException {
        Path file = withEntry("weights/encoder.0.W.npy", Forgery.npy("<f4", "(784, 32)", new byte[100]));
        assertThatThrownBy(() -> vae.load(file)).hasMessage(file
                + ": weight encoder.0.W holds 100 bytes of data; shape (784, 32) of '<f4' needs 100352");
    }

    @Test
    void aNanWeightIsRefused() throws IOException {
        float[] values = new float[32];
        values[5] = Float.POSITIVE_INFINITY;
        Path inf = withEntry("weights/encoder.0.b.npy", Forgery.npy("<f4", "(32,)", Forgery.floats(values)));
        values[5] = Float.NaN;
        Path nan = withEntry("weights/encoder.0.b.npy", Forgery.npy("<f4", "(32,)", Forgery.floats(values)));

        assertThatThrownBy(() -> vae.load(nan)).hasMessage(nan + ": weight encoder.0.b holds NaN or infinite values");
        assertThatThrownBy(() -> vae.load(inf)).hasMessage(inf + ": weight encoder.0.b holds NaN or infinite values");
    }

    @Test
    void aZipBombStopsAtTheSizeTheWeightMayHave() throws IOException {
        Path file = Forgery.bomb(saved(), dir.resolve("bomb.vae"), "weights/decoder.0.W.npy", Forgery.npy("<f4", "(2, 32)",
                new byte[0]));
        assertThat(Files.size(file)).isLessThan(16 << 20);

        long start = System.nanoTime();
        assertThatThrownBy(() -> vae.load(file)).isInstanceOf(ModelFileException.class).hasMessage(file
                + ": has an entry weights/decoder.0.W.npy that inflates past the " + (65_545 + 2 * 32 * 8) + " bytes it may hold");
        assertThat((System.nanoTime() - start) / 1e9).isLessThan(2);
    }

    @Test
    void flippedBytesFailTheCrcCheck() throws IOException {
        String name = "weights/decoder.1.W.npy";
        byte[] original = Forgery.entry(saved(), name);
        Path stored = Forgery.stored(saved(), dir.resolve("stored.vae"));
        byte[] file = Files.readAllBytes(stored);
        int at = Forgery.indexOf(file, original) + 5000;
        byte[] damaged = original.clone();
        for (int i = 0; i < 64; i++) {
            file[at + i] ^= (byte) 0xA5;
            damaged[5000 + i] ^= (byte) 0xA5;
        }
        Files.write(stored, file);

        assertThatThrownBy(() -> vae.load(stored)).isInstanceOf(ModelFileException.class).hasMessage(stored
                + ": has a damaged entry " + name + " (CRC-32 " + Forgery.crc(damaged) + ", the archive records " + Forgery.crc(original) + ")");
    }

    @Test
    void anEntryThatDoesNotMatchItsChecksumIsRefused() throws IOException {
        byte[] kernel = Forgery.entry(saved(), "weights/encoder.0.b.npy");
        kernel[kernel.length - 1] ^= 1;
        Path file = rebuild(saved(), Map.of("weights/encoder.0.b.npy", kernel), m -> m, false);

        assertThatThrownBy(() -> vae.load(file)).hasMessage(file
                + ": has an entry weights/encoder.0.b.npy whose SHA-256 differs from the one in manifest.json");
    }

    @Test
    void aMissingConfigurationFieldIsNamed() throws IOException {
        Path file = rewrite(manifest().replaceFirst("\"latentDim\": 2,", ""));
        assertThatThrownBy(() -> vae.load(file)).isInstanceOf(ModelFileException.class)
                .hasMessage(file + ": manifest.json lacks config.latentDim");
    }

    @Test
    void aWronglyTypedConfigurationFieldIsNamed() throws IOException {
        Path latent = rewrite(manifest().replaceFirst("\"latentDim\": 2,", "\"latentDim\": \"two\","));
        Path hidden = rewrite(manifest().replaceFirst("\"hidden\": \"32\"", "\"hidden\": \"32.5\""));
        Path activation = rewrite(manifest().replaceFirst("\"relu\"", "\"swish\""));
        Path params = rewrite(manifest().replaceFirst("\"params\": \\{}", "\"params\": {\"alpha\": 1}"));
        Path role = rewrite(manifest().replaceFirst("\"role\": \"prior\"", "\"role\": \"posterior\""));
        Path kind = rewrite(manifest().replaceFirst("\"kind\": \"prior\"", "\"kind\": \"flow\""));
        Path range = rewrite(manifest().replaceFirst("\"latentDim\": 2,", "\"latentDim\": 0,"));

        assertThatThrownBy(() -> vae.load(latent))
                .hasMessage(latent + ": manifest.json has config.latentDim = \"two\"; expected an integer");
        assertThatThrownBy(() -> vae.load(hidden)).hasMessage(hidden + ": names plugin parameters that do not apply "
                + "here: network mlp: parameter hidden takes whole numbers separated by commas, each, got '32.5'");
        assertThatThrownBy(() -> vae.load(activation)).hasMessage(activation + ": names plugin parameters that do not "
                + "apply here: network mlp: parameter activation takes one of relu, tanh, sigmoid, elu, identity, got 'swish'");
        assertThatThrownBy(() -> vae.load(params))
                .hasMessage(params + ": manifest.json has components[1].params.alpha = 1; expected a string");
        assertThatThrownBy(() -> vae.load(role)).hasMessage(role + ": manifest.json has a component of role 'posterior'; "
                + "expected encoder, sampler, flow1, flow2, ... in order, prior, decoder, likelihood or divergence");
        assertThatThrownBy(() -> vae.load(kind))
                .hasMessage(kind + ": manifest.json has the prior of kind 'flow'; expected prior");
        assertThatThrownBy(() -> vae.load(range)).hasMessage(range
                + ": manifest.json has an invalid configuration: latent dim must be from 1 to 4096, got 0");
    }

    @Test
    void theVersionIsCheckedBeforeTheConfiguration() throws IOException {
        Path file = rewrite(manifest().replace("\"version\": 3", "\"version\": 99").replaceFirst("\"latentDim\": 2,", ""));
        assertThatThrownBy(() -> vae.load(file)).isInstanceOf(ModelFileException.class)
                .hasMessage(file + ": has format version 99; this version of vae reads versions 1 to 4");
    }

    @Test
    void aVersionOneFileStillLoads() throws IOException {
        JsonObject manifest = JsonParser.parseString(manifest()).getAsJsonObject();
        manifest.addProperty("version", 1);
        manifest.add("config", versionOneConfig(manifest));
        manifest.remove("components");
        manifest.remove("checksums");
        manifest.remove("environment");
        JsonArray history = manifest.getAsJsonArray("history");
        history.get(0).getAsJsonObject().addProperty("seconds", 1.25);
        Map<String, byte[]> entries = new LinkedHashMap<>();
        entries.put("manifest.json", new GsonBuilder().setPrettyPrinting().create().toJson(manifest)
                .getBytes(StandardCharsets.UTF_8));
        model.graph().forEachParameter((name, array) -> entries.put("weights/" + name + ".npy", Nd4j.toNpyByteArray(array)));
        Path file = Forgery.zip(dir.resolve("v1.vae"), entries);

        TrainedVae loaded = vae.load(file);

        assertThat(loaded.nelbo(images.images(), 3)).isEqualTo(model.nelbo(images.images(), 3));
        assertThat(loaded.history()).isEqualTo(withoutTimes(model.history()));
    }

    /**
     * The configuration as format 1 wrote it: the mlp networks' widths, activation and initialization,
     * then likelihood, sampler and divergence, from the version-3 manifest of the same model.
     */
    private static JsonObject versionOneConfig(JsonObject manifest) {
        JsonObject config = manifest.getAsJsonObject("config").deepCopy();
        JsonArray hidden = new JsonArray();
        hidden.add(32);
        config.add("hiddenDims", hidden);
        config.addProperty("activation", "RELU");
        config.addProperty("weightInit", "FAN_IN_UNIFORM");
        for (JsonElement e : manifest.getAsJsonArray("components")) {
            JsonObject component = e.getAsJsonObject();
            String role = component.get("role").getAsString();
            if (List.of("likelihood", "sampler", "divergence").contains(role)) {
                JsonObject plugin = new JsonObject();
                plugin.add("name", component.get("plugin"));
                plugin.add("params", component.get("params"));
                config.add(role, plugin);
            }
        }
        return config;
    }

    @Test
    void aMissingOrEmptyFileIsRefused() throws IOException {
        assertThatThrownBy(() -> vae.load(dir.resolve("absent.vae"))).isInstanceOf(NoSuchFileException.class);
        Path empty = Files.createFile(dir.resolve("empty.vae"));
        assertThatThrownBy(() -> vae.load(empty)).isInstanceOf(ModelFileException.class).hasMessageContaining("is empty");
    }

    @Test
    void aFileThatIsNotAZipIsRefused() throws IOException {
        Path text = Files.writeString(dir.resolve("notes.vae"), "not a model");
        assertThatThrownBy(() -> vae.load(text)).hasMessageContaining("not a zip archive");
    }

    @Test
    void aZipWithoutManifestIsRefused() throws IOException {
        Path zip = rewrite(null);
        assertThatThrownBy(() -> vae.load(zip)).hasMessage(zip + ": is not a model file (no manifest.json)");
    }

    @Test
    void aCorruptManifestIsRefused() throws IOException {
        Path zip = rewrite("{ this is not json");
        Path deep = rewrite(manifest().replaceFirst("\"latentDim\": 2,", "\"latentDim\": " + "[".repeat(100_000) + ","));
        Path nested = rewrite(manifest().replaceFirst("\"latentDim\": 2,", "\"latentDim\": " + "[".repeat(64)
                + "]".repeat(64) + ","));

        assertThatThrownBy(() -> vae.load(zip)).hasMessageContaining("corrupt manifest.json");
        assertThatThrownBy(() -> vae.load(deep)).hasMessageStartingWith(deep + ": has a corrupt manifest.json (")
                .hasMessageEndingWith("...)").hasMessageNotContaining("\n");
        assertThatThrownBy(() -> vae.load(nested))
                .hasMessage(nested + ": has a manifest.json nested deeper than 64 levels");
    }

    @Test
    void aModelNamingAMissingPluginSaysWhichOne() throws IOException {
        Path zip = rewrite(manifest().replace("\"plugin\": \"kl\"", "\"plugin\": \"wasserstein\"")
                .replaceAll("\"module\": \"dev\\.vae\\.divergence@[^\"]*\"", "\"module\": \"org.example.w@2.0\""));
        assertThatThrownBy(() -> vae.load(zip)).isInstanceOf(ModelFileException.class)
                .hasMessage(zip + ": needs the divergence plugin 'wasserstein' from org.example.w@2.0, which is not installed"
                        + " here; add its jar to the plugin path");
    }

    private static List<EpochStats> withoutTimes(List<EpochStats> history) {
        return history.stream().map(s -> new EpochStats(s.epoch(), s.trainLoss(), s.trainNelbo(), s.validationNelbo(),
                Double.NaN)).toList();
    }

    private Path saved() throws IOException {
        Path file = dir.resolve("source.vae");
        if (!Files.exists(file)) {
            model.save(file);
        }
        return file;
    }

    private String manifest() throws IOException {
        return new String(Forgery.entry(saved(), "manifest.json"), StandardCharsets.UTF_8);
    }

    /** A copy of the saved model with one entry replaced and the manifest's checksum of it updated. */
    private Path withEntry(String name, byte[] bytes) throws IOException {
        return rebuild(saved(), Map.of(name, bytes), m -> m, true);
    }

    private Path rebuild(Path source, Map<String, byte[]> replaced, UnaryOperator<String> edit, boolean fixChecksums)
            throws IOException {
        return Forgery.rebuild(source, dir.resolve("edited-" + System.nanoTime() + ".vae"), replaced, edit, fixChecksums);
    }

    /** A copy of the saved model with its manifest replaced, or left out when null. */
    private Path rewrite(String manifest) throws IOException {
        return rebuild(saved(), Map.of(), m -> manifest, false);
    }
}
