package dev.vae.core.logging;

import java.util.Map;

/**
 * Quiet defaults for ND4J in a library user's JVM: without them, ND4J logs a banner of some fifteen
 * lines at INFO when its backend loads, and its op registry a list of duplicate TensorFlow op
 * mappings at WARN, neither of which tells the user of this library anything. Each default is a
 * system property, set only where the JVM has none of that name, so that {@code -D} on the command
 * line (or a {@code System.setProperty} before the first use of this library) turns the output back
 * on: {@code -Dorg.nd4j.log.initialization=true} for the banner, and for SLF4J's simple binding
 * {@code -Dorg.slf4j.simpleLogger.log.org.nd4j.linalg.cpu.nativecpu.CpuNDArrayFactory=info} for its
 * last line and {@code -Dorg.slf4j.simpleLogger.log.org.nd4j.imports.converters.ImportClassMapping=warn}
 * for the mappings. Other SLF4J bindings take their levels from their own configuration.
 */
public final class QuietNd4j {
    private static final Map<String, String> DEFAULTS = Map.of(
            // Read by ND4J when it loads its backend: the banner.
            "org.nd4j.log.initialization", "false",
            // Read by slf4j-simple when it creates the logger that lists the mappings.
            "org.slf4j.simpleLogger.log.org.nd4j.imports.converters.ImportClassMapping", "error",
            // The one line of the banner that the property above leaves: the CPU's vector extensions.
            "org.slf4j.simpleLogger.log.org.nd4j.linalg.cpu.nativecpu.CpuNDArrayFactory", "warn");

    /** Sets each default that the JVM does not set; it must run before ND4J's first use to count. */
    public static void apply() {
        DEFAULTS.forEach((name, value) -> {
            if (System.getProperty(name) == null) {
                System.setProperty(name, value);
            }
        });
    }

    private QuietNd4j() {
    }
}
