package dev.vae.api;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Checked parameter values of one plugin: every declared parameter has a value, given or default,
 * and nothing undeclared is present.
 */
public final class ParamValues {
    private final Map<String, Object> values;

    private ParamValues(Map<String, Object> values) {
        this.values = Collections.unmodifiableMap(values);
    }

    /** Values for a plugin that declares no parameters. */
    public static ParamValues none() {
        return new ParamValues(new LinkedHashMap<>());
    }

    /**
     * Checks values given as text against the declared parameters and fills in the defaults.
     *
     * @param plugin the plugin's name, for messages
     * @param specs what the plugin declares
     * @param given values by parameter name, as typed by a user; never null
     * @throws IllegalArgumentException for an unknown name or a value out of type or range
     */
    public static ParamValues resolve(String plugin, List<ParamSpec> specs, Map<String, String> given) {
        Map<String, ParamSpec> byName = specs.stream()
                .collect(Collectors.toMap(ParamSpec::name, s -> s, (a, b) -> a, LinkedHashMap::new));
        for (String key : given.keySet()) {
            if (!byName.containsKey(key)) {
                throw new IllegalArgumentException(plugin + " has no parameter '" + key + "'; it takes "
                        + (byName.isEmpty() ? "none" : String.join(", ", byName.keySet())));
            }
        }
        Map<String, Object> values = new LinkedHashMap<>();
        for (ParamSpec spec : specs) {
            String text = given.get(spec.name());
            try {
                values.put(spec.name(), spec.parse(text == null ? spec.defaultText() : text));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(plugin + ": " + e.getMessage(), e);
            }
        }
        return new ParamValues(values);
    }

    /** The value of a real parameter. */
    public double real(String name) {
        return get(name, Double.class);
    }

    /** The value of a whole-number parameter. */
    public int integer(String name) {
        return (int) real(name);
    }

    /** The value of a {@link ParamSpec.Type#CHOICE} parameter. */
    public String choice(String name) {
        return get(name, String.class);
    }

    /** The values of a {@link ParamSpec.Type#INTEGERS} parameter. */
    @SuppressWarnings("unchecked")
    public List<Integer> integers(String name) {
        return get(name, List.class);
    }

    private <T> T get(String name, Class<T> type) {
        Object v = values.get(name);
        if (!type.isInstance(v)) {
            throw new IllegalArgumentException(v == null ? "no parameter '" + name + "' among " + values.keySet()
                    : "parameter '" + name + "' is not a " + type.getSimpleName());
        }
        return type.cast(v);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ParamValues p && p.values.equals(values);
    }

    @Override
    public int hashCode() {
        return values.hashCode();
    }

    @Override
    public String toString() {
        return values.toString();
    }
}
