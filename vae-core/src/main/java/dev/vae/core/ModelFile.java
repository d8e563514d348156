package dev.vae.core;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonObject;
import dev.vae.core.data.Standardization;
import dev.vae.core.graph.VaeGraph;
import dev.vae.core.modelfile.ModelArchive;
import dev.vae.core.modelfile.ModelManifest;
import dev.vae.core.modelfile.NpyArray;
import dev.vae.core.plugin.PluginCatalog;
import dev.vae.core.plugin.PluginChoice;
import dev.vae.core.plugin.PluginSet;
import java.io.IOException;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.LocalDateTime;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.UUID;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The model file: a zip archive holding {@code manifest.json} (format name and version, the whole
 * configuration with plugin names and parameters, the image size, the training history, the
 * environment that computed it and a SHA-256 per entry) and one NumPy {@code .npy} array per weight
 * under {@code weights/}; a standardized model adds its mean and scale, [1, D] each, under
 * {@code standardization/}, and a checkpoint its training state's arrays under {@code state/}. Both
 * parts are readable without this library; nothing is Java-serialized.
 *
 * <p>Reading trusts nothing in the file: every entry is inflated only up to the size its checked
 * shape allows and verified against its CRC-32 and checksum, and every array is parsed and checked in
 * Java before it reaches ND4J. One model and seed give the same bytes on every save.
 */
final class ModelFile {
    private static final String WEIGHTS = "weights/";
    private static final String STATE = "state/";
    private static final String STANDARDIZATION = "standardization/";
    /** A manifest is a few kilobytes; this bounds what a hostile one can make the reader inflate. */
    private static final int MANIFEST_LIMIT = 16 << 20;
    /** The most values one array may hold: at 8 bytes each, with its header, it fits a Java array. */
    private static final long MAX_VALUES = (Integer.MAX_VALUE - 8 - NpyArray.MAX_HEADER) / 8;
    private static final LocalDateTime ENTRY_TIME = LocalDateTime.of(1980, 1, 1, 0, 0);
    private static final Gson GSON = new GsonBuilder().setPrettyPrinting().disableHtmlEscaping()
            .serializeSpecialFloatingPointValues().create();

    private ModelFile() {
    }

    /** Training state kept beside the weights in a checkpoint: a JSON object and named arrays. */
    record TrainingState(JsonObject json, Map<String, INDArray> arrays) {
    }

    /** What a model file holds: the model and, in a checkpoint, the state to resume training from. */
    record Contents(TrainedVae model, Optional<TrainingState> state) {
    }

    static void write(Path file, VaeGraph graph, List<EpochStats> history, int rows, int cols,
                      Optional<Standardization> standardization) throws IOException {
        write(file, graph, history, rows, cols, standardization, Optional.empty());
    }

    /**
     * Writes a model, and a training state if present, atomically: a file of that name either stays
     * as it was or holds the whole model.
     *
     * @throws IllegalArgumentException if a state array's name is not letters, digits, '.', '_' and
     *     '-', or an array is neither float nor double
     */
    static void write(Path file, VaeGraph graph, List<EpochStats> history, int rows, int cols,
                      Optional<Standardization> standardization, Optional<TrainingState> state) throws IOException {
        Map<String, byte[]> entries = new LinkedHashMap<>();
        graph.forEachParameter((name, array) -> entries.put(WEIGHTS + name + ".npy", NpyArray.write(array)));
        standardization.ifPresent(s -> standardizationArrays(s).forEach((name, array) ->
                entries.put(STANDARDIZATION + name + ".npy", NpyArray.write(array))));
        Optional<ModelManifest.StateLayout> layout = state.map(s -> new ModelManifest.StateLayout(s.json(),
                stateEntries(s, entries)));
        Map<String, String> checksums = new LinkedHashMap<>();
        entries.forEach((name, bytes) -> checksums.put(name, ModelArchive.sha256(bytes)));
        JsonObject manifest = ModelManifest.toJson(graph, history, rows, cols, layout, checksums);
        writeAtomically(file, GSON.toJson(manifest).getBytes(StandardCharsets.UTF_8), entries);
    }

    private static Map<String, INDArray> standardizationArrays(Standardization s) {
        Map<String, INDArray> arrays = new LinkedHashMap<>();
        arrays.put("mean", s.mean());
        arrays.put("scale", s.scale());
        return arrays;
    }

    /** Adds the state's arrays to the entries, sorted by name, and returns their shapes. */
    private static Map<String, long[]> stateEntries(TrainingState state, Map<String, byte[]> entries) {
        Map<String, long[]> shapes = new LinkedHashMap<>();
        new TreeMap<>(state.arrays()).forEach((name, array) -> {
            if (!ModelManifest.isArrayName(name)) {
                throw new IllegalArgumentException("state array name '" + name + "' is not letters, digits, '.', '_' and '-'");
            }
            entries.put(STATE + name + ".npy", NpyArray.write(array));
            shapes.put(name, array.shape());
        });
        return shapes;
    }

    private static void writeAtomically(Path file, byte[] manifest, Map<String, byte[]> entries) throws IOException {
        Path parent = file.toAbsolutePath().getParent();
        Path temp = Files.createFile(parent.resolve("." + file.getFileName() + "." + UUID.randomUUID() + ".tmp"));
        try {
            try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.WRITE);
                 ZipOutputStream zip = new ZipOutputStream(Channels.newOutputStream(channel))) {
                put(zip, ModelManifest.MANIFEST, manifest);
                for (Map.Entry<String, byte[]> e : entries.entrySet()) {
                    put(zip, e.getKey(), e.getValue());
                }
                zip.finish();
                channel.force(true);
            }
            Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(temp);
        }
    }

    /** One entry, its time fixed so that the archive's bytes depend on its contents alone. */
    private static void put(ZipOutputStream zip, String name, byte[] bytes) throws IOException {
        ZipEntry entry = new ZipEntry(name);
        entry.setTimeLocal(ENTRY_TIME);
        zip.putNextEntry(entry);
        zip.write(bytes);
        zip.closeEntry();
    }

    static TrainedVae read(Path file, PluginCatalog catalog) throws IOException {
        return readContents(file, catalog).model();
    }

    /**
     * The model in a file, with its training state if it is a checkpoint.
     *
     * @throws ModelFileException naming the file and its first defect
     */
    static Contents readContents(Path file, PluginCatalog catalog) throws IOException {
        if (!Files.isRegularFile(file)) {
            throw new NoSuchFileException(file + " (expected a model file written by vae train)");
        }
        if (Files.size(file) == 0) {
            throw new ModelFileException(file, "is empty; expected a model file written by vae train");
        }
        ZipFile zip;
        try {
            zip = new ZipFile(file.toFile());
        } catch (ZipException e) {
            throw new ModelFileException(file, "is not a model file (not a zip archive)");
        }
        try (zip) {
            return contents(new ModelArchive(file, zip), catalog);
        }
    }

    private static Contents contents(ModelArchive archive, PluginCatalog catalog) throws IOException {
        Path file = archive.file();
        if (!archive.has(ModelManifest.MANIFEST)) {
            throw new ModelFileException(file, "is not a model file (no " + ModelManifest.MANIFEST + ")");
        }
        ModelManifest m = ModelManifest.parse(file,
                archive.read(ModelManifest.MANIFEST, MANIFEST_LIMIT, Optional.empty()));
        checkPluginsInstalled(file, m, catalog);
        PluginCatalog.Components components;
        try {
            components = catalog.resolve(m.config());
        } catch (IllegalArgumentException e) {
            throw new ModelFileException(file, "names plugin parameters that do not apply here: " + e.getMessage());
        }
        Map<String, long[]> shapes = weightShapes(file, m, components);
        Map<String, long[]> stateShapes = m.state().map(ModelManifest.StateLayout::shapes).orElse(Map.of());
        checkFits(file, shapes.values(), stateShapes.values());
        Map<String, INDArray> weights = arrays(archive, m, WEIGHTS, "weight", shapes);
        Optional<Standardization> standardization = m.config().standardize()
                ? Optional.of(standardization(archive, m)) : Optional.empty();
        Optional<TrainingState> state = Optional.empty();
        if (m.state().isPresent()) {
            state = Optional.of(new TrainingState(m.state().get().json(), arrays(archive, m, STATE, "state array",
                    stateShapes)));
        }
        VaeGraph graph;
        try {
            graph = VaeGraph.restored(m.config(), components, VaeGraph.dataShape(m.imageRows(), m.imageCols()), weights);
        } catch (IllegalArgumentException e) {
            throw new ModelFileException(file, "does not match its own configuration: " + e.getMessage());
        }
        return new Contents(new TrainedVae(graph, m.history(), m.imageRows(), m.imageCols(), standardization), state);
    }

    private static Standardization standardization(ModelArchive archive, ModelManifest m) throws IOException {
        long[] shape = {1, (long) m.imageRows() * m.imageCols()};
        Map<String, INDArray> arrays = arrays(archive, m, STANDARDIZATION, "standardization array",
                Map.of("mean", shape, "scale", shape));
        try {
            return new Standardization(arrays.get("mean"), arrays.get("scale"));
        } catch (IllegalArgumentException e) {
            throw new ModelFileException(archive.file(), "holds a standardization that cannot be applied: " + e.getMessage());
        }
    }

    private static Map<String, long[]> weightShapes(Path file, ModelManifest m, PluginCatalog.Components components)
            throws ModelFileException {
        try {
            return VaeGraph.weightShapes(m.config(), components, VaeGraph.dataShape(m.imageRows(), m.imageCols()));
        } catch (ArithmeticException e) {
            throw new ModelFileException(file, "declares images of " + m.imageRows() + " x " + m.imageCols()
                    + " pixels, more than a model can take");
        } catch (IllegalArgumentException e) {
            throw new ModelFileException(file, "does not match its own configuration: " + e.getMessage());
        }
    }

    /**
     * Refuses, before any array is read, arrays that this JVM could not hold: reading needs each
     * array's bytes and its values at once, so a hostile shape would otherwise exhaust the heap.
     */
    private static void checkFits(Path file, Collection<long[]> weights, Collection<long[]> state) throws ModelFileException {
        long values = 0;
        for (Collection<long[]> shapes : List.of(weights, state)) {
            for (long[] shape : shapes) {
                // Saturates once past the limit: dimensions are ints, so the product cannot overflow.
                long count = Arrays.stream(shape).reduce(1, (a, b) -> a > MAX_VALUES ? a : a * b);
                if (count > MAX_VALUES) {
                    throw new ModelFileException(file, "declares an array of shape " + NpyArray.tuple(shape)
                            + ", more than the " + MAX_VALUES + " values one array may hold");
                }
                values += count;
            }
        }
        long heap = Runtime.getRuntime().maxMemory();
        if (values > heap / 8) {
            throw new ModelFileException(file, "declares arrays of " + (values * 8 >> 20) + " MiB, more than this JVM's heap of "
                    + (heap >> 20) + " MiB can read; run java with a larger -Xmx");
        }
    }

    private static Map<String, INDArray> arrays(ModelArchive archive, ModelManifest m, String folder, String kind,
                                                Map<String, long[]> shapes) throws IOException {
        Map<String, INDArray> arrays = new LinkedHashMap<>();
        for (Map.Entry<String, long[]> e : shapes.entrySet()) {
            String entry = folder + e.getKey() + ".npy";
            long values = Arrays.stream(e.getValue()).reduce(1, Math::multiplyExact);
            byte[] bytes = archive.read(entry, (int) (NpyArray.MAX_HEADER + values * 8), checksum(archive.file(), m, entry));
            try {
                arrays.put(e.getKey(), NpyArray.read(bytes, e.getValue()));
            } catch (NpyArray.Defect d) {
                throw new ModelFileException(archive.file(), kind + " " + e.getKey() + " " + d.getMessage());
            }
        }
        return arrays;
    }

    /** The SHA-256 the manifest records for an entry; version 1 recorded none. */
    private static Optional<String> checksum(Path file, ModelManifest m, String entry) throws ModelFileException {
        if (m.version() == 1) {
            return Optional.empty();
        }
        String sha256 = m.checksums().get(entry);
        if (sha256 == null) {
            throw new ModelFileException(file, ModelManifest.MANIFEST + " has no checksum for entry " + entry);
        }
        return Optional.of(sha256);
    }

    private static void checkPluginsInstalled(Path file, ModelManifest m, PluginCatalog catalog)
            throws ModelFileException {
        for (VaeConfig.Component c : m.config().components()) {
            checkInstalled(file, m, c, catalog.of(c.kind()));
        }
    }

    private static void checkInstalled(Path file, ModelManifest m, VaeConfig.Component c, PluginSet<?> set)
            throws ModelFileException {
        if (set.all().stream().noneMatch(p -> p.name().equals(c.choice().name()))) {
            String module = m.pluginModules().get(c.role());
            throw new ModelFileException(file, "needs the " + c.kind().name() + " plugin '" + c.choice().name() + "'"
                    + (module == null ? "" : " from " + module) + ", which is not installed here; add its jar to the plugin path");
        }
    }
}
