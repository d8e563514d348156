package dev.vae.app.run;

import com.google.gson.GsonBuilder;
import dev.vae.app.plot.LatentGrid;
import dev.vae.app.plot.ManifoldGrid;
import dev.vae.core.Condition;
import dev.vae.core.ModelSummary;
import dev.vae.core.TrainedVae;
import dev.vae.core.data.ImageSet;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * {@value #FILE}: what a page showing the run needs to know of its model and data before the first
 * epoch ends: the layers, the latent's size, the kind of data, the condition, and what
 * {@link EpochViews} draws each epoch.
 */
public final class RunSummary {
    public static final String FILE = "summary.json";
    static final String STANDARD_NORMAL = "standard-normal";
    /** Draws of the prior whose mean stands for a learned prior's. */
    private static final int PRIOR_DRAWS = 1000;
    private static final long PRIOR_SEED = 1;

    private RunSummary() {
    }

    /**
     * Writes the summary of the model of a run that starts, or that resumes without one.
     *
     * @param labelled whether the data came with labels (a CSV file may have none)
     */
    public static void writeIfMissing(RunFolder folder, TrainedVae model, ImageSet validation, boolean labelled)
            throws IOException {
        Path file = folder.file(FILE);
        if (!Files.exists(file)) {
            AtomicWrite.string(file, new GsonBuilder().setPrettyPrinting().serializeNulls().disableHtmlEscaping().create()
                    .toJson(of(model, validation, labelled)) + "\n");
        }
    }

    static Map<String, Object> of(TrainedVae model, ImageSet validation, boolean labelled) {
        ModelSummary summary = model.summary();
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("layers", layers(summary));
        json.put("total_parameters", summary.totalParameters());
        json.put("latent_dims", model.codeWidth());
        json.put("code_categories", model.codeCategories());
        json.put("data", model.imageRows() > 1
                ? ordered("kind", "image", "rows", model.imageRows(), "cols", model.imageCols())
                : ordered("kind", "table", "columns", model.imageCols()));
        json.put("labels", labelled);
        json.put("condition", condition(model.condition()));
        json.put("validation_examples", validation.size());
        json.put("latent_examples", EpochViews.latentExamples(validation));
        json.put("manifold", EpochViews.drawsManifold(model)
                ? ordered("side", ManifoldGrid.SIDE, "axis", LatentGrid.axis(ManifoldGrid.SIDE)) : null);
        boolean standard = isStandardNormal(model);
        json.put("prior_mean", standard ? new double[model.codeWidth()] : priorMean(model));
        json.put("prior_mean_source", standard ? "standard normal" : "prior draws");
        return json;
    }

    private static List<Map<String, Object>> layers(ModelSummary summary) {
        List<Map<String, Object>> layers = new ArrayList<>();
        for (ModelSummary.Layer layer : summary.layers()) {
            layers.add(ordered("name", layer.name(), "kind", layer.kind(), "output_width", layer.outputWidth(),
                    "parameters", layer.parameters()));
        }
        return layers;
    }

    private static Map<String, Object> condition(Condition condition) {
        return ordered("kind", condition.kind().name().toLowerCase(java.util.Locale.ROOT), "classes", condition.classes());
    }

    /** An object whose keys keep the order given, as alternating keys and values. */
    private static Map<String, Object> ordered(Object... keysAndValues) {
        Map<String, Object> json = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            json.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        return json;
    }

    /** Only where the codes themselves are drawn from N(0, I): below a top layer, they are drawn given it. */
    private static boolean isStandardNormal(TrainedVae model) {
        return STANDARD_NORMAL.equals(model.priorName()) && model.config().latentLayers() == 1;
    }

    private static double[] priorMean(TrainedVae model) {
        INDArray mean = model.priorCodes(PRIOR_DRAWS, PRIOR_SEED).mean(0);
        double[] values = new double[model.codeWidth()];
        for (int i = 0; i < values.length; i++) {
            values[i] = mean.getDouble(i);
        }
        return values;
    }
}
