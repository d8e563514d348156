package dev.vae.api;

import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;

/**
 * Where a component of a model declares the weights it owns, as a Keras layer's {@code build()} adds
 * its weights: each has a name, a shape and an initializer, and the framework seeds, trains, saves,
 * loads and summarizes it with the rest of the model. A graph variable made any other way (with
 * {@code sd.var}) would be neither trained nor saved, so the framework refuses a model that has one.
 */
public interface WeightScope {

    /** The graph the component builds into. */
    SameDiff sameDiff();

    /**
     * Declares a weight of this component and gives its graph variable: freshly initialized in a new
     * model, the saved values in a loaded one. Declaring a name again with the same shape gives the
     * same weight, since the framework may build a component more than once in one graph.
     *
     * @param name unique within the component: letters, digits, '.', '_' or '-'
     * @param shape every dimension at least 1
     * @throws IllegalArgumentException for a name declared again with another shape or that is not of
     *     that form, or a bad shape
     */
    SDVariable declare(String name, long[] shape, Initializer initializer);
}
