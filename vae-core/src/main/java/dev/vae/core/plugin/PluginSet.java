package dev.vae.core.plugin;

import dev.vae.api.ParamValues;
import dev.vae.api.spi.Plugin;
import java.util.Collection;
import java.util.Map;
import java.util.TreeMap;

/**
 * The plugins of one kind, by name.
 *
 * @param <T> the plugin kind
 */
public final class PluginSet<T extends Plugin<T>> {
    private final String kind;
    private final Map<String, T> byName;

    PluginSet(String kind, Map<String, T> byName) {
        this.kind = kind;
        this.byName = new TreeMap<>(byName);
    }

    /** The kind's name as users see it: likelihood, sampler or divergence. */
    public String kind() {
        return kind;
    }

    /** Every plugin of this kind, sorted by name. */
    public Collection<T> all() {
        return byName.values();
    }

    /**
     * The named plugin configured with the given parameters.
     *
     * @throws IllegalArgumentException for an unknown name (listing those that exist) or bad parameters
     */
    public T select(PluginChoice choice) {
        T plugin = byName.get(choice.name());
        if (plugin == null) {
            throw new IllegalArgumentException("unknown " + kind + " '" + choice.name() + "'; available: "
                    + (byName.isEmpty() ? "none" : String.join(", ", byName.keySet())));
        }
        return plugin.configure(ParamValues.resolve(kind + " " + plugin.name(), plugin.parameters(), choice.params()));
    }
}
