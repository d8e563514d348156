package dev.vae.app.cli;

import dev.vae.core.plugin.PluginChoice;
import picocli.CommandLine.ITypeConverter;

/** Option types that picocli does not know. */
final class Converters {

    private Converters() {
    }

    /** {@code NAME[:key=value,...]}. */
    static final class PluginChoiceConverter implements ITypeConverter<PluginChoice> {
        @Override
        public PluginChoice convert(String value) {
            return PluginChoice.parse(value);
        }
    }
}
