package dev.vae.core;

import java.util.List;

/**
 * The components of a model with their output widths and the weights each owns, as Keras'
 * {@code summary()} shows layers. Widths are per example; a leading batch dimension is implied.
 *
 * @param layers one row per component, in the order data flows through them
 */
public record ModelSummary(List<Layer> layers) {

    /** Copies the list. */
    public ModelSummary {
        layers = List.copyOf(layers);
    }

    /**
     * One row of the summary.
     *
     * @param name the component's role, for example {@code encoder}
     * @param kind its kind and plugin, for example {@code network mlp}
     * @param outputWidth its output columns
     * @param parameters its trainable weights
     */
    public record Layer(String name, String kind, long outputWidth, long parameters) {
    }

    /** All trainable weights. */
    public long totalParameters() {
        return layers.stream().mapToLong(Layer::parameters).sum();
    }

    /** The summary as an aligned text table with a total line. */
    public String table() {
        String row = "%-12s %-28s %-14s %,12d%n";
        StringBuilder out = new StringBuilder(String.format("%-12s %-28s %-14s %12s%n", "Layer", "Kind", "Output shape", "Params"));
        for (Layer layer : layers) {
            out.append(String.format(row, layer.name(), layer.kind(), "(None, " + layer.outputWidth() + ")", layer.parameters()));
        }
        return out.append(String.format("Total params: %,d%n", totalParameters())).toString();
    }
}
