package dev.vae.core.modelfile;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import dev.vae.core.Condition;
import dev.vae.core.ModelFileException;
import dev.vae.core.Optimizer;
import dev.vae.core.VaeConfig;
import dev.vae.core.plugin.PluginChoice;
import dev.vae.core.plugin.PluginKind;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * A {@link VaeConfig} in a manifest: the training's settings as the {@code config} object and the
 * model's components as the {@code components} array, each with its role, kind, plugin and every
 * parameter, field by field in a fixed order, so that one configuration always gives the same bytes.
 * Files of format 1 and 2, written before components were plugins, are read as the {@code mlp}
 * networks they described.
 */
final class ConfigJson {
    private ConfigJson() {
    }

    static JsonObject writeSettings(VaeConfig c) {
        JsonObject json = new JsonObject();
        json.addProperty("latentDim", c.latentDim());
        if (c.latentLayers() > 1) {
            JsonArray dims = new JsonArray();
            c.latentDims().forEach(dims::add);
            json.add("latentDims", dims);
        }
        json.addProperty("samples", c.samples());
        json.addProperty("batchSize", c.batchSize());
        json.addProperty("epochs", c.epochs());
        json.addProperty("optimizer", c.optimizer().label());
        json.addProperty("learningRate", c.learningRate());
        json.addProperty("seed", c.seed());
        if (c.condition().present()) {
            json.add("condition", condition(c.condition()));
        }
        if (c.standardize()) {
            json.addProperty("standardize", true);
        }
        return json;
    }

    /** Written only for a conditional model, so that the files of other models keep their bytes. */
    private static JsonObject condition(Condition condition) {
        JsonObject json = new JsonObject();
        json.addProperty("kind", condition.kind().name().toLowerCase(Locale.ROOT));
        if (condition.kind() == Condition.Kind.LABELS) {
            json.addProperty("classes", condition.classes());
        } else {
            JsonArray columns = new JsonArray();
            condition.columns().forEach(columns::add);
            json.add("columns", columns);
        }
        return json;
    }

    private static Condition condition(ManifestFields c) throws ModelFileException {
        if (!c.has("condition")) {
            return Condition.none();
        }
        ManifestFields condition = c.object("condition");
        String kind = condition.string("kind");
        try {
            return switch (kind) {
                case "labels" -> Condition.labels(condition.integer("classes"));
                case "columns" -> Condition.columns(condition.integers("columns"));
                default -> throw new ModelFileException(c.file(), ModelManifest.MANIFEST + " has a condition of kind '"
                        + kind + "'; expected labels or columns");
            };
        } catch (IllegalArgumentException e) {
            throw new ModelFileException(c.file(), ModelManifest.MANIFEST + " has an invalid condition: " + e.getMessage());
        }
    }

    /**
     * The components array, each entry with what {@code extra} adds for its role (module, weights).
     */
    static JsonArray writeComponents(VaeConfig c, Function<String, JsonObject> extra) {
        JsonArray array = new JsonArray();
        for (VaeConfig.Component component : c.components()) {
            JsonObject json = new JsonObject();
            json.addProperty("role", component.role());
            json.addProperty("kind", component.kind().name());
            json.addProperty("plugin", component.choice().name());
            JsonObject params = new JsonObject();
            new TreeMap<>(component.choice().params()).forEach(params::addProperty);
            json.add("params", params);
            extra.apply(component.role()).entrySet().forEach(e -> json.add(e.getKey(), e.getValue()));
            array.add(json);
        }
        return array;
    }

    /**
     * The configuration of a version-3 manifest.
     *
     * @throws ModelFileException naming a missing or mistyped field, an unknown role, or a value out of range
     */
    static VaeConfig read(ManifestFields settings, List<ManifestFields> components) throws ModelFileException {
        VaeConfig.Builder b = settings(settings).defaultPrior();
        int flows = 0;
        for (ManifestFields c : components) {
            String role = c.string("role");
            String kind = expectedKind(c, role, flows);
            checkKind(c, role, kind);
            flows += kind.equals(PluginKind.FLOW.name()) ? 1 : 0;
            b.component(role, new PluginChoice(c.string("plugin"), c.strings("params")));
        }
        return build(settings, b);
    }

    /** The kind a role takes; a flow's role must be the next in order. */
    private static String expectedKind(ManifestFields c, String role, int flowsSoFar) throws ModelFileException {
        return switch (role) {
            case "encoder", "decoder" -> PluginKind.NETWORK.name();
            case "sampler", "prior", "likelihood", "divergence" -> role;
            default -> {
                if (VaeConfig.latentNetworkLayer(role) > 0) {
                    yield PluginKind.NETWORK.name();
                }
                if (!role.equals(VaeConfig.flowRole(flowsSoFar))) {
                    throw new ModelFileException(c.file(), ModelManifest.MANIFEST + " has a component of role '" + role
                            + "'; expected encoder, sampler, flow1, flow2, ... in order, prior, decoder, likelihood "
                            + "or divergence");
                }
                yield PluginKind.FLOW.name();
            }
        };
    }

    private static void checkKind(ManifestFields c, String role, String expected) throws ModelFileException {
        String kind = c.string("kind");
        if (!kind.equals(expected)) {
            throw new ModelFileException(c.file(), ModelManifest.MANIFEST + " has the " + role + " of kind '" + kind
                    + "'; expected " + expected);
        }
    }

    /**
     * The configuration of a version-1 or version-2 manifest, whose {@code config} object held the
     * widths and nonlinearity of the mlp networks and the likelihood, sampler and divergence.
     */
    static VaeConfig readLegacy(ManifestFields c) throws ModelFileException {
        List<Integer> hidden = c.integers("hiddenDims");
        List<Integer> reversed = new ArrayList<>(hidden);
        Collections.reverse(reversed);
        String activation = c.string("activation").toLowerCase(Locale.ROOT);
        String init = c.string("weightInit").toLowerCase(Locale.ROOT).replace('_', '-');
        VaeConfig.Builder b = settings(c)
                .encoder(new PluginChoice("mlp", Map.of("hidden", join(hidden), "activation", activation, "init", init)))
                .decoder(new PluginChoice("mlp", Map.of("hidden", join(reversed), "activation", activation, "init", init)))
                .likelihood(plugin(c.object("likelihood"))).sampler(plugin(c.object("sampler")))
                .divergence(plugin(c.object("divergence")));
        return build(c, b);
    }

    private static VaeConfig.Builder settings(ManifestFields c) throws ModelFileException {
        VaeConfig.Builder b = c.has("latentDims") ? VaeConfig.builder().latentDims(c.integers("latentDims"))
                : VaeConfig.builder().latentDim(c.integer("latentDim"));
        return b.samples(c.integer("samples"))
                .batchSize(c.integer("batchSize")).epochs(c.integer("epochs")).optimizer(optimizer(c))
                .learningRate(c.number("learningRate")).seed(c.longInteger("seed")).condition(condition(c))
                .standardize(c.has("standardize") && c.bool("standardize"));
    }

    /** Files written before the optimizer was a choice trained with RMSprop. */
    private static Optimizer optimizer(ManifestFields c) throws ModelFileException {
        if (!c.has("optimizer")) {
            return Optimizer.RMSPROP;
        }
        try {
            return Optimizer.parse(c.string("optimizer"));
        } catch (IllegalArgumentException e) {
            throw new ModelFileException(c.file(), ModelManifest.MANIFEST + " names an " + e.getMessage());
        }
    }

    private static VaeConfig build(ManifestFields c, VaeConfig.Builder b) throws ModelFileException {
        try {
            return b.build();
        } catch (IllegalArgumentException e) {
            throw new ModelFileException(c.file(), ModelManifest.MANIFEST + " has an invalid configuration: "
                    + e.getMessage());
        }
    }

    private static String join(List<Integer> widths) {
        return String.join(",", widths.stream().map(String::valueOf).toList());
    }

    private static PluginChoice plugin(ManifestFields p) throws ModelFileException {
        return new PluginChoice(p.string("name"), p.strings("params"));
    }
}
