package dev.vae.app.cli;

import dev.vae.app.plot.CategoryScatter;
import dev.vae.app.plot.LatentScatter;
import dev.vae.app.plot.LossChart;
import dev.vae.app.plot.ManifoldGrid;
import dev.vae.app.run.RunFolder;
import dev.vae.core.Condition;
import dev.vae.core.TrainedVae;
import dev.vae.core.data.DataSplit;
import dev.vae.core.data.ImageSet;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.PrintWriter;
import java.util.function.Supplier;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The pictures of a finished run: the loss by epoch, the validation codes by label, and the decoded
 * latent grid, of a model conditioned on labels one grid per class. A picture that cannot be drawn is skipped with a warning: the run it illustrates is
 * worth more than it. A picture that does not apply is skipped with a note saying why: the scatter
 * and the grid need a latent of two dimensions (the scatter shows the first two of more), and the
 * grid of decoded examples is drawn only for images, since the decoded rows of a table (a CSV file,
 * one row per example) drawn as a strip of pixels would mean nothing.
 */
final class RunPictures {
    private RunPictures() {
    }

    static void write(RunFolder folder, TrainedVae model, DataSplit split, PrintWriter err) throws IOException {
        draw(folder, "loss.png", () -> LossChart.draw(model.history()), err);
        if (model.codeWidth() >= 2) {
            draw(folder, "latent.png", () -> latent(model, split.test()), err);
        } else {
            note(err, "latent.png", "the latent has 1 dimension; the scatter needs 2");
        }
        Condition condition = model.condition();
        String grids = condition.kind() == Condition.Kind.LABELS ? "manifold-CLASS.png" : "manifold.png";
        if (model.codeWidth() != 2) {
            note(err, grids, "the latent has " + model.codeWidth() + " dimensions; the grid of decoded codes needs 2");
            return;
        }
        if (model.imageRows() == 1) {
            note(err, grids, "the data are rows of a table, which drawn as pixels would mean nothing; "
                    + ManifoldTable.FILE + " holds the grid's decoded rows as a table");
            if (!condition.present()) {
                ManifoldTable.write(folder.file(ManifoldTable.FILE), ManifoldGrid.points(),
                        model.decode(ManifoldGrid.points()));
            }
            return;
        }
        if (!condition.present()) {
            draw(folder, "manifold.png", () -> manifold(model.decode(ManifoldGrid.points()), model), err);
        }
        for (int label = 0; condition.kind() == Condition.Kind.LABELS && label < condition.classes(); label++) {
            INDArray c = condition.oneHot(label);
            draw(folder, "manifold-" + label + ".png", () -> manifold(model.decode(ManifoldGrid.points(), c),
                    model), err);
        }
    }

    /** The test codes' means by label; of relaxed categorical codes, their most probable categories. */
    private static BufferedImage latent(TrainedVae model, ImageSet test) {
        INDArray means = model.encode(model.inputs(test)).mean();
        return model.codeCategories() > 0 ? CategoryScatter.draw(means, model.codeCategories(), test.labels())
                : LatentScatter.draw(means, test.labels());
    }

    private static BufferedImage manifold(INDArray digits, TrainedVae model) {
        return ManifoldGrid.draw(digits, model.imageRows(), model.imageCols());
    }

    private static void note(PrintWriter err, String name, String why) {
        err.println("vae train: note: " + name + " is not drawn: " + why);
    }

    private static void draw(RunFolder folder, String name, Supplier<BufferedImage> picture, PrintWriter err)
            throws IOException {
        BufferedImage image;
        try {
            image = picture.get();
        } catch (RuntimeException e) {
            err.println("vae train: warning: " + name + " is not drawn (" + e.getMessage() + "); the run is complete without it");
            return;
        }
        AtomicFile.writePng(folder.file(name), image);
    }
}
