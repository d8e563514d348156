package dev.vae.core.modelfile;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import dev.vae.core.Activation;
import dev.vae.core.ModelFileException;
import dev.vae.core.VaeConfig;
import dev.vae.core.WeightInit;
import dev.vae.core.plugin.PluginChoice;
import java.util.Map;
import java.util.TreeMap;

/**
 * A {@link VaeConfig} as the manifest's {@code config} object, field by field in declaration order
 * and plugin parameters sorted by key, so that one configuration always gives the same bytes.
 */
final class ConfigJson {
    private ConfigJson() {
    }

    static JsonObject write(VaeConfig c) {
        JsonObject json = new JsonObject();
        JsonArray hidden = new JsonArray();
        c.hiddenDims().forEach(hidden::add);
        json.add("hiddenDims", hidden);
        json.addProperty("latentDim", c.latentDim());
        json.addProperty("activation", c.activation().name());
        json.addProperty("weightInit", c.weightInit().name());
        json.add("likelihood", plugin(c.likelihood()));
        json.add("sampler", plugin(c.sampler()));
        json.add("divergence", plugin(c.divergence()));
        json.addProperty("samples", c.samples());
        json.addProperty("batchSize", c.batchSize());
        json.addProperty("epochs", c.epochs());
        json.addProperty("learningRate", c.learningRate());
        json.addProperty("seed", c.seed());
        return json;
    }

    private static JsonObject plugin(PluginChoice choice) {
        JsonObject json = new JsonObject();
        json.addProperty("name", choice.name());
        JsonObject params = new JsonObject();
        new TreeMap<>(choice.params()).forEach(params::addProperty);
        json.add("params", params);
        return json;
    }

    /**
     * The configuration of a manifest's {@code config} object.
     *
     * @throws ModelFileException naming a missing or mistyped field, or a value out of range
     */
    static VaeConfig read(ManifestFields c) throws ModelFileException {
        VaeConfig.Builder b = VaeConfig.builder().hiddenDims(c.integers("hiddenDims")).latentDim(c.integer("latentDim"))
                .activation(c.constant("activation", Activation.class))
                .weightInit(c.constant("weightInit", WeightInit.class))
                .likelihood(plugin(c.object("likelihood"))).sampler(plugin(c.object("sampler")))
                .divergence(plugin(c.object("divergence"))).samples(c.integer("samples"))
                .batchSize(c.integer("batchSize")).epochs(c.integer("epochs"))
                .learningRate(c.number("learningRate")).seed(c.longInteger("seed"));
        try {
            return b.build();
        } catch (IllegalArgumentException e) {
            throw new ModelFileException(c.file(), ModelManifest.MANIFEST + " has an invalid configuration: "
                    + e.getMessage());
        }
    }

    private static PluginChoice plugin(ManifestFields p) throws ModelFileException {
        Map<String, String> params = p.strings("params");
        return new PluginChoice(p.string("name"), params);
    }
}
