package dev.vae.app.cli;

import dev.vae.app.plot.DigitGrid;
import dev.vae.core.Condition;
import dev.vae.core.TrainedVae;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** Decodes codes drawn from the prior into a grid of new images. */
@Command(name = "sample", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Draw codes from the prior, decode them, and write the images as one PNG grid.")
final class SampleCommand implements Callable<Integer> {
    private static final String EACH = "each";
    @Spec
    CommandSpec spec;

    @Mixin
    ModelOption model = new ModelOption();

    @Option(names = "--output", required = true, paramLabel = "FILE.png", description = "The PNG file to write.")
    Path output;

    @Option(names = "--overwrite", description = "Replace the output file if it exists.")
    boolean overwrite;

    @Option(names = "--count", defaultValue = "64", paramLabel = "N", description = "Images to draw, 1 to 10000 (default: ${DEFAULT-VALUE}).")
    int count;

    @Option(names = "--seed", defaultValue = "1", paramLabel = "S", description = "Seed of the prior draws (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--condition", paramLabel = "CLASS|each|V[,V...]",
            description = "A conditional model's condition of every draw: the class, of a model conditioned on labels "
                    + "(each: a row of --count draws per class, the same codes in every row); the condition's values, of "
                    + "one conditioned on columns.")
    String condition;

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
        if (EACH.equals(condition) && count > 100) {
            throw new UserError("--count must be from 1 to 100 with --condition each, got " + count);
        }
        AtomicFile.checkWritable(output, overwrite);
        TrainedVae trained = model.load(plugins.vae());
        int columns = (int) Math.ceil(Math.sqrt(count));
        INDArray images;
        if (EACH.equals(condition)) {
            images = eachClass(trained);
            columns = count;
        } else {
            images = trained.condition().present() || condition != null
                    ? trained.sample(count, seed, conditionOf(trained)) : trained.sample(count, seed);
        }
        AtomicFile.writePng(output, DigitGrid.draw(images, trained.imageRows(), trained.imageCols(), columns, 2));
        spec.commandLine().getOut().printf("wrote %d samples to %s%n", images.rows(), output);
        return ExitCodes.OK;
    }

    /**
     * --count draws of each class, one class after another; the same seed gives every class the same
     * codes, so that a column shows one style across the classes.
     */
    private INDArray eachClass(TrainedVae trained) {
        Condition c = trained.condition();
        if (c.kind() != Condition.Kind.LABELS) {
            throw new UserError("--condition each applies to a model conditioned on labels; " + model.file
                    + (c.present() ? " is conditioned on " + c : " was trained without a condition"));
        }
        List<INDArray> rows = new ArrayList<>();
        for (int label = 0; label < c.classes(); label++) {
            rows.add(trained.sample(count, seed, c.oneHot(label)));
        }
        return Nd4j.vstack(rows.toArray(INDArray[]::new));
    }

    /** The condition row [1, C] that --condition gives for the model. */
    private INDArray conditionOf(TrainedVae trained) {
        Condition c = trained.condition();
        if (!c.present()) {
            throw new UserError("--condition applies to a conditional model; " + model.file + " was trained without one");
        }
        boolean labels = c.kind() == Condition.Kind.LABELS;
        if (condition == null) {
            throw new UserError(model.file + " is conditioned on " + c + "; give --condition "
                    + (labels ? "CLASS (0 to " + (c.classes() - 1) + ")" : c.width() + " values"));
        }
        String[] values = condition.split(",");
        try {
            if (labels) {
                if (values.length != 1) {
                    throw new UserError("--condition takes one class of " + c + ", got " + condition);
                }
                return c.oneHot(Integer.parseInt(values[0].trim()));
            }
            if (values.length != c.width()) {
                throw new UserError("--condition takes " + c.width() + " values for " + c + ", got " + values.length);
            }
            return Nd4j.createFromArray(new float[][] {parsed(values)});
        } catch (NumberFormatException e) {
            throw new UserError("--condition takes " + (labels ? "an integer class" : "numbers") + ", got " + condition);
        }
    }

    private static float[] parsed(String[] values) {
        float[] numbers = new float[values.length];
        for (int i = 0; i < values.length; i++) {
            numbers[i] = Float.parseFloat(values[i].trim());
            if (!Float.isFinite(numbers[i])) {
                throw new UserError("--condition takes finite numbers, got " + values[i].trim());
            }
        }
        return numbers;
    }
}
