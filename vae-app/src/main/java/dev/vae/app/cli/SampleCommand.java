package dev.vae.app.cli;

import dev.vae.app.plot.DigitGrid;
import dev.vae.core.TrainedVae;
import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** Decodes codes drawn from the prior into a grid of new images. */
@Command(name = "sample", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Draw codes from the prior, decode them, and write the images as one PNG grid.")
final class SampleCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    ModelOption model = new ModelOption();

    @Option(names = "--output", required = true, paramLabel = "FILE.png", description = "The PNG file to write.")
    Path output;

    @Option(names = "--overwrite", description = "Replace the output file if it exists.")
    boolean overwrite;

    @Option(names = "--count", defaultValue = "64", description = "Images to draw, 1 to 10000 (default: ${DEFAULT-VALUE}).")
    int count;

    @Option(names = "--seed", defaultValue = "1", description = "Seed of the prior draws (default: ${DEFAULT-VALUE}).")
    long seed;

    @Mixin
    PluginPathOption plugins = new PluginPathOption();

    @Override
    public Integer call() throws IOException {
        if (count < 1 || count > 10_000) {
            throw new UserError("--count must be from 1 to 10000, got " + count);
        }
        if (!output.getFileName().toString().toLowerCase(java.util.Locale.ROOT).endsWith(".png")) {
            throw new UserError("--output must name a .png file, got " + output);
        }
        AtomicFile.checkWritable(output, overwrite);
        TrainedVae trained = model.load(plugins.vae());
        int columns = (int) Math.ceil(Math.sqrt(count));
        AtomicFile.writePng(output, DigitGrid.draw(trained.sample(count, seed), trained.imageRows(), trained.imageCols(),
                columns, 2));
        spec.commandLine().getOut().printf("wrote %d samples to %s%n", count, output);
        return ExitCodes.OK;
    }
}
