package dev.vae.app.cli;

import dev.vae.core.TrainedVae;
import dev.vae.core.Vae;
import java.io.IOException;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** {@code --model FILE}: a model written by {@code vae train}. */
final class ModelOption {

    @Option(names = "--model", required = true, paramLabel = "FILE", description = "A model.vae written by vae train.")
    Path file;

    TrainedVae load(Vae vae) throws IOException {
        return vae.load(file);
    }
}
