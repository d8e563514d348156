package dev.vae.app.ui;

import dev.vae.core.data.ImageSet;
import org.nd4j.linalg.indexing.NDArrayIndex;

/** A run's validation examples in the data's own units, and whether their labels mean anything. */
record Validation(ImageSet examples, boolean labelled) {
    /**
     * Example {@code index} alone.
     *
     * @throws IllegalArgumentException for an index outside the examples
     */
    ImageSet example(int index) {
        if (index >= examples.size()) {
            throw new IllegalArgumentException("index must be from 0 to " + (examples.size() - 1)
                    + " (the run's validation examples), got " + index);
        }
        return new ImageSet(examples.images().get(NDArrayIndex.interval(index, index + 1), NDArrayIndex.all()).dup(),
                new int[] {examples.labels()[index]}, examples.rows(), examples.cols());
    }
}
