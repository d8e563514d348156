package dev.vae.app.cli;

import dev.vae.core.Activation;
import dev.vae.core.WeightInit;
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

    /** An {@link Activation} by its lower-case name. */
    static final class ActivationConverter implements ITypeConverter<Activation> {
        @Override
        public Activation convert(String value) {
            return Activation.parse(value);
        }
    }

    /** A {@link WeightInit} by its lower-case name. */
    static final class WeightInitConverter implements ITypeConverter<WeightInit> {
        @Override
        public WeightInit convert(String value) {
            return WeightInit.parse(value);
        }
    }
}
