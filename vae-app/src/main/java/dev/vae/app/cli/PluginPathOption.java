package dev.vae.app.cli;

import dev.vae.core.Vae;
import java.io.File;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import picocli.CommandLine.Option;

/**
 * {@code --plugin-path DIR}: folders of plugin jars to load beside the built-in plugins. Without the
 * option, the folders that {@value #ENVIRONMENT} lists, separated as in a class path.
 */
final class PluginPathOption {
    static final String ENVIRONMENT = "VAE_PLUGIN_PATH";

    @Option(names = "--plugin-path", paramLabel = "DIR",
            description = "A folder of plugin jars to load; repeatable (default: the folders in $" + ENVIRONMENT + ").")
    List<Path> folders;

    private Vae vae;

    /** The framework over the built-in plugins and those of the folders, created on first use. */
    Vae vae() {
        if (vae == null) {
            vae = Vae.create(folders());
        }
        return vae;
    }

    private List<Path> folders() {
        if (folders != null) {
            return folders;
        }
        String listed = System.getenv(ENVIRONMENT);
        if (listed == null || listed.isBlank()) {
            return List.of();
        }
        return Arrays.stream(listed.split(File.pathSeparator)).filter(s -> !s.isBlank()).map(Path::of).toList();
    }
}
