package dev.vae.core.plugin;

/** The installed plugins cannot be used as they are: two share a name, or one fails to load. */
public final class PluginException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** @param message what is wrong and which plugins or jars are involved */
    public PluginException(String message) {
        super(message);
    }
}
