package dev.vae.core.plugin;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * A plugin picked by name, with parameter values as typed: {@code alpha:alpha=0.5,other=2}.
 *
 * @param name the plugin's name
 * @param params parameter values as text, checked later against what the plugin declares
 */
public record PluginChoice(String name, Map<String, String> params) {

    /** Copies the parameters and checks the name. */
    public PluginChoice {
        Objects.requireNonNull(name, "name");
        params = Map.copyOf(params);
    }

    /** A plugin with its default parameters. */
    public static PluginChoice of(String name) {
        return new PluginChoice(name, Map.of());
    }

    /** A comma that begins the next key=value pair; other commas separate the numbers of a list value. */
    private static final java.util.regex.Pattern PAIR_SEPARATOR = java.util.regex.Pattern.compile(",(?=[^,=]*=)");

    /**
     * Parses {@code NAME[:key=value,...]}; a value may itself be a list with commas, as in
     * {@code mlp:hidden=512,256,activation=tanh}.
     *
     * @throws IllegalArgumentException with the expected form when the text is malformed
     */
    public static PluginChoice parse(String text) {
        String form = "expected NAME or NAME:key=value,key=value";
        int colon = text.indexOf(':');
        String name = (colon < 0 ? text : text.substring(0, colon)).trim();
        if (name.isEmpty()) {
            throw new IllegalArgumentException("'" + text + "' names no plugin; " + form);
        }
        Map<String, String> params = new LinkedHashMap<>();
        if (colon >= 0) {
            for (String pair : PAIR_SEPARATOR.split(text.substring(colon + 1), -1)) {
                String[] kv = pair.split("=", -1);
                if (kv.length != 2 || kv[0].isBlank() || kv[1].isBlank()) {
                    throw new IllegalArgumentException("'" + text + "': '" + pair + "' is not key=value; " + form);
                }
                if (params.put(kv[0].trim(), kv[1].trim()) != null) {
                    throw new IllegalArgumentException("'" + text + "' sets " + kv[0].trim() + " twice");
                }
            }
        }
        return new PluginChoice(name, params);
    }

    /**
     * This choice with every parameter the plugin takes, a default written out where none was given:
     * what a model file records, so that a later release of the plugin with other defaults cannot
     * silently change a saved model.
     */
    public PluginChoice withDefaults(java.util.List<dev.vae.api.ParamSpec> specs) {
        Map<String, String> all = new java.util.TreeMap<>(params);
        for (dev.vae.api.ParamSpec spec : specs) {
            all.computeIfAbsent(spec.name(), k -> spec.defaultText());
        }
        return new PluginChoice(name, all);
    }

    @Override
    public String toString() {
        if (params.isEmpty()) {
            return name;
        }
        return name + ":" + params.entrySet().stream().sorted(Map.Entry.comparingByKey())
                .map(e -> e.getKey() + "=" + e.getValue()).collect(Collectors.joining(","));
    }
}
