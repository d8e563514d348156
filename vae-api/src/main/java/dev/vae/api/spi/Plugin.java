package dev.vae.api.spi;

import dev.vae.api.ParamSpec;
import dev.vae.api.ParamValues;
import java.util.List;

/**
 * What every plugin shows to users: a stable name, a description and typed parameters.
 *
 * <p>Providers are found with {@link java.util.ServiceLoader}: a plugin class has a public no-argument
 * constructor that uses the defaults, and {@link #configure} returns an instance for other values.
 * Instances are immutable; discovery must not load native code.
 *
 * @param <T> the plugin kind, so that {@link #configure} returns the same kind
 */
public interface Plugin<T extends Plugin<T>> {

    /** Stable lower-case name, unique within its kind and used on the command line. Never null. */
    String name();

    /** One line saying what the plugin does. Never null. */
    String description();

    /** The parameters this plugin takes, in the order they are shown; empty for none. */
    default List<ParamSpec> parameters() {
        return List.of();
    }

    /**
     * An instance that uses these values.
     *
     * @param values checked against {@link #parameters()}, with defaults filled in; never null
     * @throws IllegalArgumentException when the values are individually valid but unusable together,
     *     with a message that says how to fix them
     */
    T configure(ParamValues values);
}
