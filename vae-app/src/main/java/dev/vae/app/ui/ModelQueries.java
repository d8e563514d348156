package dev.vae.app.ui;

import com.google.gson.JsonArray;
import com.google.gson.JsonNull;
import com.google.gson.JsonObject;
import dev.vae.core.Condition;
import dev.vae.core.TrainedVae;
import dev.vae.core.data.ImageSet;
import java.util.Collections;
import java.util.Optional;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * Decoding a latent point and reconstructing a validation example with a run's model, values in the
 * data's own units (a standardized model undoes its standardization; a Bernoulli decoder gives
 * probabilities). A model is used by one request at a time: its graph keeps state between ops.
 */
final class ModelQueries {
    private ModelQueries() {
    }

    /** {@code decode?z=a,b[&condition=K]}: E[x|z(, c)] of one point. */
    static JsonObject decode(RunModel run, Query query) {
        TrainedVae model = run.model();
        INDArray z = Nd4j.createFromArray(new float[][] {codes(query, model.codeWidth())});
        Optional<INDArray> condition = condition(query, model);
        if (model.condition().present() && condition.isEmpty()) {
            throw new IllegalArgumentException("the model is conditioned on " + model.condition() + "; give "
                    + expected(model.condition()));
        }
        INDArray values;
        synchronized (model) {
            values = condition.isPresent() ? model.decode(z, condition.get()) : model.decode(z);
        }
        JsonObject body = new JsonObject();
        body.addProperty("epoch", run.epoch());
        body.add("values", numbers(values));
        shape(body, model);
        return body;
    }

    /**
     * {@code reconstruct?index=I[&condition=K]}: the example, the mean of q(z|x) and its decoding. The
     * example is encoded with its own condition and decoded with {@code condition} if given, so that
     * one digit's style may be drawn as another class.
     */
    static JsonObject reconstruct(RunModel run, Validation data, Query query) {
        TrainedVae model = run.model();
        int index = query.integer("index", 0).orElseThrow(() -> new IllegalArgumentException(
                "give index=I, a validation example from 0 to " + (data.examples().size() - 1)));
        ImageSet example = data.example(index);
        Optional<INDArray> decodedWith = condition(query, model);
        INDArray input;
        INDArray z;
        INDArray reconstruction;
        synchronized (model) {
            INDArray row = inputs(model, example);
            int width = model.inputDim();
            input = row.get(NDArrayIndex.all(), NDArrayIndex.interval(0, width));
            z = model.encode(row).mean();
            if (model.condition().present()) {
                INDArray own = row.get(NDArrayIndex.all(), NDArrayIndex.interval(width, row.columns()));
                reconstruction = model.decode(z, decodedWith.orElse(own));
            } else {
                reconstruction = model.decode(z);
            }
        }
        JsonObject body = new JsonObject();
        body.addProperty("index", index);
        body.add("label", data.labelled() ? Json.number(example.labels()[0]) : JsonNull.INSTANCE);
        body.addProperty("epoch", run.epoch());
        body.add("input", numbers(input));
        body.add("reconstruction", numbers(reconstruction));
        body.add("z", numbers(z));
        shape(body, model);
        return body;
    }

    /** The row the model reads; data that no longer fit the model are the run's fault, not the request's. */
    private static INDArray inputs(TrainedVae model, ImageSet example) {
        try {
            return model.inputs(example);
        } catch (IllegalArgumentException e) {
            throw ApiError.unreadable("the run's data do not fit its model: " + e.getMessage());
        }
    }

    private static void shape(JsonObject body, TrainedVae model) {
        if (model.imageRows() > 1) {
            JsonObject image = new JsonObject();
            image.addProperty("rows", model.imageRows());
            image.addProperty("cols", model.imageCols());
            body.add("image", image);
        } else {
            body.add("image", JsonNull.INSTANCE);
        }
        body.addProperty("columns", model.inputDim());
    }

    private static float[] codes(Query query, int width) {
        String text = query.get("z").orElseThrow(() -> new IllegalArgumentException(
                "give z=" + String.join(",", Collections.nCopies(width, "v")) + ": the " + width
                        + " values of a latent point"));
        String[] parts = text.split(",", -1);
        if (parts.length != width) {
            throw new IllegalArgumentException("z must have " + width + " values (the model's latent width), got "
                    + parts.length);
        }
        return finite("z", parts);
    }

    /** The condition row [1, C] the query gives, checked against the model's condition. */
    private static Optional<INDArray> condition(Query query, TrainedVae model) {
        Optional<String> text = query.get("condition");
        if (text.isEmpty()) {
            return Optional.empty();
        }
        Condition c = model.condition();
        if (!c.present()) {
            throw new IllegalArgumentException("the model was trained without a condition; leave out condition");
        }
        if (c.kind() == Condition.Kind.LABELS) {
            int label;
            try {
                label = Integer.parseInt(text.get().strip());
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("condition must be " + expected(c) + ", got " + text.get());
            }
            if (label < 0 || label >= c.classes()) {
                throw new IllegalArgumentException("condition must be " + expected(c) + ", got " + label);
            }
            return Optional.of(c.oneHot(label));
        }
        String[] parts = text.get().split(",", -1);
        if (parts.length != c.width()) {
            throw new IllegalArgumentException("condition must be " + expected(c) + ", got " + parts.length + " values");
        }
        return Optional.of(Nd4j.createFromArray(new float[][] {finite("condition", parts)}));
    }

    private static String expected(Condition c) {
        return c.kind() == Condition.Kind.LABELS ? "condition=K, a class from 0 to " + (c.classes() - 1)
                : "condition=" + c.width() + " comma-separated values of the columns " + c.columns();
    }

    private static float[] finite(String name, String[] parts) {
        float[] values = new float[parts.length];
        for (int i = 0; i < parts.length; i++) {
            try {
                values[i] = Float.parseFloat(parts[i].strip());
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(name + " takes numbers; value " + (i + 1) + " is '" + parts[i] + "'");
            }
            if (!Float.isFinite(values[i])) {
                throw new IllegalArgumentException(name + " takes finite numbers; value " + (i + 1) + " is " + parts[i]);
            }
        }
        return values;
    }

    /** The values of a one-row array, non-finite ones as null. */
    private static JsonArray numbers(INDArray row) {
        float[] values = row.castTo(DataType.FLOAT).toFloatVector();
        JsonArray array = new JsonArray();
        for (float value : values) {
            array.add(Json.number(value));
        }
        return array;
    }
}
