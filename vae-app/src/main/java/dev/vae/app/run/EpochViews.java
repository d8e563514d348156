package dev.vae.app.run;

import dev.vae.app.plot.ManifoldGrid;
import dev.vae.core.TrainedVae;
import dev.vae.core.data.ImageSet;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import javax.imageio.ImageIO;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * What the model looks like at the end of an epoch, in {@value #FOLDER}/: the means of q(z|x) of
 * the first validation examples ({@code latent-EEEE.csv}) and, where {@link RunSummary} has a
 * manifold, the decoded latent grid ({@code manifold-EEEE.png}).
 */
public final class EpochViews {
    public static final String FOLDER = "epochs";
    /** The most validation examples encoded each epoch: enough for a scatter, little to compute. */
    static final int MAX_LATENT_EXAMPLES = 2000;

    private final Path folder;
    private final boolean labelled;
    private final ImageSet examples;

    /**
     * @param validation the run's validation set, of which the first {@link #latentExamples} are encoded
     * @param labelled whether the examples have labels to write
     */
    public EpochViews(RunFolder run, ImageSet validation, boolean labelled) {
        this.folder = run.file(FOLDER);
        this.labelled = labelled;
        this.examples = validation.head(latentExamples(validation));
    }

    /** M = min(2000, N) of N validation examples. */
    static int latentExamples(ImageSet validation) {
        return Math.min(MAX_LATENT_EXAMPLES, validation.size());
    }

    /** Whether a manifold is drawn: for a 2-D latent of an unconditional model of images. */
    static boolean drawsManifold(TrainedVae model) {
        return model.codeWidth() == 2 && model.imageRows() > 1 && !model.condition().present();
    }

    /** Writes the views of the model with its weights at the end of {@code epoch}. */
    public void write(TrainedVae model, int epoch) throws IOException {
        Files.createDirectories(folder);
        String suffix = String.format(Locale.ROOT, "-%04d", epoch);
        INDArray means = model.encode(model.inputs(examples)).mean();
        AtomicWrite.string(folder.resolve("latent" + suffix + ".csv"), latentCsv(means));
        if (drawsManifold(model)) {
            INDArray digits = model.decode(ManifoldGrid.points());
            AtomicWrite.write(folder.resolve("manifold" + suffix + ".png"),
                    temp -> ImageIO.write(ManifoldGrid.draw(digits, model.imageRows(), model.imageCols()), "png",
                            temp.toFile()));
        }
    }

    private String latentCsv(INDArray means) {
        int dims = (int) means.columns();
        StringBuilder csv = new StringBuilder("index,label");
        for (int j = 1; j <= dims; j++) {
            csv.append(",z").append(j);
        }
        csv.append('\n');
        // One copy of the values out of ND4J (row by row it took as long as the encoding), each written
        // in the float's shortest decimal form, which reads back as the same float.
        float[] z = means.castTo(DataType.FLOAT).dup('c').data().asFloat();
        for (int i = 0; i < means.rows(); i++) {
            csv.append(i).append(',');
            if (labelled) {
                csv.append(examples.labels()[i]);
            }
            for (int j = 0; j < dims; j++) {
                csv.append(',').append(z[i * dims + j]);
            }
            csv.append('\n');
        }
        return csv.toString();
    }
}
