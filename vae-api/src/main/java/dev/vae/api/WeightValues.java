package dev.vae.api;

import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The current values of the weights one component declared, by the names it declared them with: what
 * a component reads outside the graph, such as a learned prior drawing codes for new data.
 */
@FunctionalInterface
public interface WeightValues {

    /**
     * The array of a declared weight; read it, do not change it.
     *
     * @throws IllegalArgumentException if the component declared no weight of that name
     */
    INDArray get(String name);
}
