package dev.vae.core.training;

import dev.vae.core.Optimizer;
import java.util.List;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * An optimizer's step on one FLOAT weight, done in place, and the state arrays it keeps per weight,
 * each of the weight's length. One instance serves one thread.
 */
interface WeightUpdate {

    /** The update of this optimizer at this step size, with Keras' other defaults. */
    static WeightUpdate of(Optimizer optimizer, double learningRate) {
        return switch (optimizer) {
            case RMSPROP -> new RmsPropUpdate(learningRate, 0.9, 1e-7);
            case ADAM -> new AdamUpdate(learningRate, 0.9, 0.999, 1e-7);
        };
    }

    /**
     * The names a checkpoint gives this weight's state arrays, in the order {@link #apply} takes
     * them; distinct for distinct weights.
     */
    List<String> stateNames(String weight);

    /** The value of every element of a fresh state array. */
    float initialState();

    /**
     * Updates the weight and its state arrays from the gradient, which is left as it was.
     *
     * @param state the weight's state arrays, dense C-order FLOAT arrays in {@link #stateNames} order
     * @param step the number of steps taken before this one
     * @throws IllegalArgumentException if an array is not FLOAT, a length differs from the weight's,
     *     or a state array is not dense
     */
    void apply(INDArray weight, INDArray gradient, List<INDArray> state, long step);

    /**
     * As {@link #apply(INDArray, INDArray, List, long)} with the gradient of a batch computed in
     * parts: {@code sum_p shares[p] * parts.get(p)}, summed in float in the parts' order as each
     * chunk is read, so that the sum is never written out.
     *
     * @param shares each part's share of the batch's examples, or null for one part taken as it is
     */
    void apply(INDArray weight, List<INDArray> parts, double[] shares, List<INDArray> state, long step);
}
