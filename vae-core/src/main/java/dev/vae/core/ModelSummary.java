package dev.vae.core;

import java.util.List;

/**
 * The layers of a model with their output widths and weight counts, as Keras' {@code summary()}
 * shows them. Widths are per example; a leading batch dimension is implied.
 *
 * @param layers encoder layers, the latent draw, then decoder layers
 */
public record ModelSummary(List<Layer> layers) {

    /** Copies the list. */
    public ModelSummary {
        layers = List.copyOf(layers);
    }

    /**
     * One row of the summary.
     *
     * @param name where the layer sits, for example {@code encoder.0}
     * @param kind what it computes, for example {@code dense relu}
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
