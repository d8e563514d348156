package dev.vae.core;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The model file: a zip archive holding {@code manifest.json} (format name and version, the whole
 * configuration with plugin names and parameters, the image size, the training history and the list
 * of weights) and one NumPy {@code .npy} array per weight under {@code weights/}. Both parts are
 * readable without this library; nothing is Java-serialized.
 */
final class ModelFile {
    static final String FORMAT = "dev.vae.model";
    static final int VERSION = 1;
    private static final String MANIFEST = "manifest.json";
    private static final String WEIGHTS = "weights/";
    private static final String STATE = "state/";
    private static final Gson GSON = new GsonBuilder().setPrettyPrinting().disableHtmlEscaping()
            .serializeSpecialFloatingPointValues().create();

    private ModelFile() {
    }

    /**
     * What {@code manifest.json} holds. {@code pluginModules} gives, for each kind, the module and
     * version the plugin came from ({@code dev.vae.divergence@0.1.0}), so that loading without it can
     * say what to install; files written before it existed lack it.
     */
    record Manifest(String format, int version, VaeConfig config, int imageRows, int imageCols,
                    Map<String, String> plugins, Map<String, String> pluginModules, List<String> weights,
                    List<EpochStats> history, StateManifest training) {
    }

    /** A checkpoint's training state: its JSON and the names of its arrays under {@code state/}. */
    record StateManifest(JsonObject json, List<String> arrays) {
    }

    /** Training state kept beside the weights in a checkpoint: a JSON object and named arrays. */
    record TrainingState(JsonObject json, Map<String, INDArray> arrays) {
    }

    /** A model file's model, and its training state if it is a checkpoint. */
    record Contents(TrainedVae model, Optional<TrainingState> state) {
    }

    static void write(Path file, VaeGraph graph, List<EpochStats> history, int rows, int cols) throws IOException {
        write(file, graph, history, rows, cols, Optional.empty());
    }

    static void write(Path file, VaeGraph graph, List<EpochStats> history, int rows, int cols,
                      Optional<TrainingState> state) throws IOException {
        Map<String, byte[]> arrays = new LinkedHashMap<>();
        graph.forEachParameter((name, array) -> arrays.put(WEIGHTS + name + ".npy", Nd4j.toNpyByteArray(array)));
        state.ifPresent(s -> s.arrays().forEach((name, array) -> arrays.put(STATE + name + ".npy", Nd4j.toNpyByteArray(array))));
        VaeConfig c = graph.config();
        Map<String, String> plugins = new LinkedHashMap<>();
        plugins.put("likelihood", c.likelihood().toString());
        plugins.put("sampler", c.sampler().toString());
        plugins.put("divergence", c.divergence().toString());
        PluginCatalog.Components components = graph.components();
        Map<String, String> modules = new LinkedHashMap<>();
        modules.put("likelihood", PluginLayer.moduleOf(components.likelihood()));
        modules.put("sampler", PluginLayer.moduleOf(components.sampler()));
        modules.put("divergence", PluginLayer.moduleOf(components.divergence()));
        List<String> weights = new ArrayList<>();
        graph.forEachParameter((name, array) -> weights.add(name));
        Manifest manifest = new Manifest(FORMAT, VERSION, c, rows, cols, plugins, modules, weights, history,
                state.map(s -> new StateManifest(s.json(), new ArrayList<>(s.arrays().keySet()))).orElse(null));
        Path parent = file.toAbsolutePath().getParent();
        Path temp = Files.createFile(parent.resolve("." + file.getFileName() + "." + UUID.randomUUID() + ".tmp"));
        try {
            try (OutputStream out = Files.newOutputStream(temp); ZipOutputStream zip = new ZipOutputStream(out)) {
                zip.putNextEntry(new ZipEntry(MANIFEST));
                zip.write(GSON.toJson(manifest).getBytes(StandardCharsets.UTF_8));
                for (Map.Entry<String, byte[]> e : arrays.entrySet()) {
                    zip.putNextEntry(new ZipEntry(e.getKey()));
                    zip.write(e.getValue());
                }
            }
            Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(temp);
        }
    }

    static TrainedVae read(Path file, PluginCatalog catalog) throws IOException {
        return readContents(file, catalog).model();
    }

    static Contents readContents(Path file, PluginCatalog catalog) throws IOException {
        if (!Files.isRegularFile(file)) {
            throw new NoSuchFileException(file + " (expected a model file written by vae train)");
        }
        if (Files.size(file) == 0) {
            throw new ModelFileException(file, "is empty; expected a model file written by vae train");
        }
        try (ZipFile zip = new ZipFile(file.toFile())) {
            Manifest manifest = manifest(file, zip);
            checkPluginsInstalled(file, manifest, catalog);
            PluginCatalog.Components components;
            try {
                components = catalog.resolve(manifest.config());
            } catch (IllegalArgumentException e) {
                throw new ModelFileException(file, "names plugin parameters that do not apply here: " + e.getMessage());
            }
            Map<String, INDArray> weights = new HashMap<>();
            for (String name : manifest.weights()) {
                weights.put(name, array(file, zip, name));
            }
            try {
                VaeGraph graph = VaeGraph.restored(manifest.config(), components,
                        manifest.imageRows() * manifest.imageCols(), weights);
                TrainedVae model = new TrainedVae(graph, manifest.history() == null ? List.of() : manifest.history(),
                        manifest.imageRows(), manifest.imageCols());
                return new Contents(model, trainingState(file, zip, manifest.training()));
            } catch (IllegalArgumentException e) {
                throw new ModelFileException(file, "does not match its own configuration: " + e.getMessage());
            }
        } catch (ZipException e) {
            throw new ModelFileException(file, "is not a model file (not a zip archive)");
        }
    }

    private static void checkPluginsInstalled(Path file, Manifest manifest, PluginCatalog catalog)
            throws ModelFileException {
        VaeConfig c = manifest.config();
        checkInstalled(file, manifest, "likelihood", c.likelihood(), catalog.likelihoods());
        checkInstalled(file, manifest, "sampler", c.sampler(), catalog.samplers());
        checkInstalled(file, manifest, "divergence", c.divergence(), catalog.divergences());
    }

    private static void checkInstalled(Path file, Manifest manifest, String kind, PluginChoice choice, PluginSet<?> set)
            throws ModelFileException {
        if (set.all().stream().noneMatch(p -> p.name().equals(choice.name()))) {
            String module = manifest.pluginModules() == null ? null : manifest.pluginModules().get(kind);
            throw new ModelFileException(file, "needs the " + kind + " plugin '" + choice.name() + "'"
                    + (module == null ? "" : " from " + module) + ", which is not installed here; add its jar to the plugin path");
        }
    }

    private static Manifest manifest(Path file, ZipFile zip) throws IOException {
        ZipEntry entry = zip.getEntry(MANIFEST);
        if (entry == null) {
            throw new ModelFileException(file, "is not a model file (no " + MANIFEST + ")");
        }
        Manifest m;
        try {
            m = GSON.fromJson(new String(zip.getInputStream(entry).readAllBytes(), StandardCharsets.UTF_8), Manifest.class);
        } catch (JsonParseException | IllegalArgumentException e) {
            throw new ModelFileException(file, "has a corrupt " + MANIFEST + " (" + e.getMessage() + ")");
        }
        if (m == null || !FORMAT.equals(m.format())) {
            throw new ModelFileException(file, "is not a model file (format is not " + FORMAT + ")");
        }
        if (m.version() != VERSION) {
            throw new ModelFileException(file, "has format version " + m.version() + "; this version of vae reads "
                    + VERSION);
        }
        if (m.config() == null || m.weights() == null || m.imageRows() < 1 || m.imageCols() < 1) {
            throw new ModelFileException(file, "has an incomplete " + MANIFEST);
        }
        return m;
    }

    private static Optional<TrainingState> trainingState(Path file, ZipFile zip, StateManifest training)
            throws IOException {
        if (training == null) {
            return Optional.empty();
        }
        Map<String, INDArray> arrays = new LinkedHashMap<>();
        for (String name : training.arrays()) {
            arrays.put(name, array(file, zip, STATE, name));
        }
        return Optional.of(new TrainingState(training.json(), arrays));
    }

    private static INDArray array(Path file, ZipFile zip, String name) throws IOException {
        return array(file, zip, WEIGHTS, name);
    }

    private static INDArray array(Path file, ZipFile zip, String folder, String name) throws IOException {
        ZipEntry entry = zip.getEntry(folder + name + ".npy");
        if (entry == null) {
            throw new ModelFileException(file, "lacks weight " + name);
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        zip.getInputStream(entry).transferTo(bytes);
        try {
            return Nd4j.createNpyFromByteArray(bytes.toByteArray());
        } catch (RuntimeException e) {
            throw new ModelFileException(file, "has a corrupt weight " + name);
        }
    }
}
