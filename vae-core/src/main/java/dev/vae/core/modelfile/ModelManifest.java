package dev.vae.core.modelfile;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import dev.vae.core.EpochStats;
import dev.vae.core.ModelFileException;
import dev.vae.core.VaeConfig;
import dev.vae.core.graph.VaeGraph;
import dev.vae.api.spi.Plugin;
import dev.vae.core.plugin.PluginCatalog;
import dev.vae.core.plugin.PluginLayer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * What {@code manifest.json} holds. Reading takes the raw JSON and checks the format name and version
 * before anything else, so that a file of another version is refused as such and not for a field
 * that version lacks; every other field is then read by name.
 *
 * @param version the format version: 1 (no checksums), 2, 3 (components recorded one by one), or 4 (a
 *     standardized model, whose mean and scale a reader must apply)
 * @param pluginModules for each component's role, the module and version its plugin came from
 *     ({@code dev.vae.divergence@0.1.0}), so that loading without it can say what to install
 * @param history the per-epoch record, without timings
 * @param state the training state's JSON and the shape of each of its arrays, in a checkpoint
 * @param checksums entry name to SHA-256 in hex; empty in version 1
 */
public record ModelManifest(int version, VaeConfig config, int imageRows, int imageCols, Map<String, String> pluginModules,
                            List<EpochStats> history, Optional<StateLayout> state, Map<String, String> checksums) {
    /** The format name that every model file's manifest declares. */
    public static final String FORMAT = "dev.vae.model";
    /** The newest format version; every version from 1 up to it is read. */
    public static final int VERSION = 4;
    /**
     * The version written for a model without standardization, so that its bytes stay those of
     * earlier versions; a standardized model is written as {@link #VERSION}, which a reader that
     * would not apply its statistics refuses.
     */
    private static final int UNSTANDARDIZED_VERSION = 3;
    /** The manifest's entry in the archive. */
    public static final String MANIFEST = "manifest.json";
    private static final Pattern ARRAY_NAME = Pattern.compile("[A-Za-z0-9._-]+");
    /** Far deeper than any manifest or training state nests. */
    private static final int MAX_DEPTH = 64;
    private static final int SHOWN = 100;

    /** The training state a manifest describes: its JSON and each array's shape, by name. */
    public record StateLayout(JsonObject json, Map<String, long[]> shapes) {
    }

    /** Whether a name may name a state array and so an entry: letters, digits, '.', '_' and '-'. */
    public static boolean isArrayName(String name) {
        return ARRAY_NAME.matcher(name).matches();
    }

    /**
     * The manifest of these bytes.
     *
     * @throws ModelFileException if it is not JSON, not of this format or version, or a field is
     *     missing, mistyped or out of range
     */
    public static ModelManifest parse(Path file, byte[] bytes) throws ModelFileException {
        ManifestFields m = new ManifestFields(file, json(file, bytes));
        if (!m.has("format") || !FORMAT.equals(m.string("format"))) {
            throw new ModelFileException(file, "is not a model file (format is not " + FORMAT + ")");
        }
        int version = m.integer("version");
        if (version < 1 || version > VERSION) {
            throw new ModelFileException(file, "has format version " + version + "; this version of vae reads versions 1 to "
                    + VERSION);
        }
        VaeConfig config = version < 3 ? ConfigJson.readLegacy(m.object("config"))
                : ConfigJson.read(m.object("config"), m.objects("components"));
        int rows = positive(m, "imageRows");
        int cols = positive(m, "imageCols");
        Map<String, String> modules = version < 3 ? (m.has("pluginModules") ? m.strings("pluginModules") : Map.of())
                : modules(m.objects("components"));
        List<EpochStats> history = new ArrayList<>();
        for (ManifestFields e : m.has("history") ? m.objects("history") : List.<ManifestFields>of()) {
            history.add(new EpochStats(e.integer("epoch"), e.number("trainLoss"), e.number("trainNelbo"),
                    e.number("validationNelbo"), Double.NaN));
        }
        Optional<StateLayout> state = m.has("state") ? Optional.of(state(m.object("state"))) : Optional.empty();
        Map<String, String> checksums = version == 1 ? Map.of() : m.strings("checksums");
        return new ModelManifest(version, config, rows, cols, modules, history, state, checksums);
    }

    private static JsonObject json(Path file, byte[] bytes) throws ModelFileException {
        JsonElement json;
        try {
            json = JsonParser.parseString(new String(bytes, StandardCharsets.UTF_8));
        } catch (JsonParseException e) {
            String why = String.valueOf(e.getMessage());
            throw new ModelFileException(file, "has a corrupt " + MANIFEST + " ("
                    + (why.length() > SHOWN ? why.substring(0, SHOWN) + "..." : why) + ")");
        }
        if (!json.isJsonObject()) {
            throw new ModelFileException(file, "has a corrupt " + MANIFEST + " (not a JSON object)");
        }
        if (depth(json) > MAX_DEPTH) {
            throw new ModelFileException(file, "has a " + MANIFEST + " nested deeper than " + MAX_DEPTH + " levels");
        }
        return json.getAsJsonObject();
    }

    /**
     * How deeply arrays and objects nest, found without recursion: Gson parses any depth, but
     * printing or comparing a deep element recurses and would overflow the stack.
     */
    private static int depth(JsonElement root) {
        Deque<Map.Entry<JsonElement, Integer>> pending = new ArrayDeque<>();
        pending.push(Map.entry(root, 1));
        int max = 0;
        while (!pending.isEmpty() && max <= MAX_DEPTH) {
            Map.Entry<JsonElement, Integer> e = pending.pop();
            max = Math.max(max, e.getValue());
            Iterable<JsonElement> children = e.getKey().isJsonArray() ? e.getKey().getAsJsonArray()
                    : e.getKey().isJsonObject() ? e.getKey().getAsJsonObject().asMap().values() : List.of();
            children.forEach(child -> pending.push(Map.entry(child, e.getValue() + 1)));
        }
        return max;
    }

    private static Map<String, String> modules(List<ManifestFields> components) throws ModelFileException {
        Map<String, String> modules = new LinkedHashMap<>();
        for (ManifestFields c : components) {
            modules.put(c.string("role"), c.string("module"));
        }
        return modules;
    }

    private static int positive(ManifestFields m, String name) throws ModelFileException {
        int value = m.integer(name);
        if (value < 1) {
            throw new ModelFileException(m.file(), MANIFEST + " has " + name + " = " + value
                    + "; expected a positive integer");
        }
        return value;
    }

    private static StateLayout state(ManifestFields s) throws ModelFileException {
        Map<String, long[]> shapes = new LinkedHashMap<>();
        ManifestFields arrays = s.object("arrays");
        for (String name : arrays.names()) {
            if (!isArrayName(name)) {
                throw new ModelFileException(s.file(), MANIFEST + " names a state array '" + name
                        + "'; names are letters, digits, '.', '_' and '-'");
            }
            shapes.put(name, arrays.shape(name));
        }
        return new StateLayout(s.rawObject("json"), shapes);
    }

    /** The manifest of a model about to be written, with the SHA-256 of each of its entries. */
    public static JsonObject toJson(VaeGraph graph, List<EpochStats> history, int rows, int cols,
                                    Optional<StateLayout> state, Map<String, String> checksums) {
        JsonObject json = new JsonObject();
        json.addProperty("format", FORMAT);
        VaeConfig config = graph.config();
        json.addProperty("version", config.standardize() ? VERSION : UNSTANDARDIZED_VERSION);
        json.add("config", ConfigJson.writeSettings(config));
        json.addProperty("imageRows", rows);
        json.addProperty("imageCols", cols);
        Map<String, Plugin<?>> byRole = graph.components().byRole();
        Map<String, JsonArray> weights = new LinkedHashMap<>();
        byRole.keySet().forEach(role -> weights.put(role, new JsonArray()));
        graph.forEachParameter((name, array) -> weights.get(name.substring(0, name.indexOf('.'))).add(name));
        json.add("components", ConfigJson.writeComponents(config, role -> {
            JsonObject extra = new JsonObject();
            extra.addProperty("module", PluginLayer.moduleOf(byRole.get(role)));
            extra.add("weights", weights.get(role));
            return extra;
        }));
        json.add("history", history(history));
        json.add("environment", ComputeEnvironment.current().toJson());
        state.ifPresent(s -> json.add("state", state(s)));
        JsonObject sums = new JsonObject();
        checksums.forEach(sums::addProperty);
        json.add("checksums", sums);
        return json;
    }

    /** The history without each epoch's seconds: a timing would make two saves of one run differ. */
    private static JsonArray history(List<EpochStats> history) {
        JsonArray json = new JsonArray();
        for (EpochStats s : history) {
            JsonObject epoch = new JsonObject();
            epoch.addProperty("epoch", s.epoch());
            epoch.addProperty("trainLoss", s.trainLoss());
            epoch.addProperty("trainNelbo", s.trainNelbo());
            epoch.addProperty("validationNelbo", s.validationNelbo());
            json.add(epoch);
        }
        return json;
    }

    private static JsonObject state(StateLayout state) {
        JsonObject arrays = new JsonObject();
        state.shapes().forEach((name, shape) -> {
            JsonArray dims = new JsonArray();
            for (long d : shape) {
                dims.add(d);
            }
            arrays.add(name, dims);
        });
        JsonObject json = new JsonObject();
        json.add("json", state.json());
        json.add("arrays", arrays);
        return json;
    }
}
