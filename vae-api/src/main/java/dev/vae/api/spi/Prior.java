package dev.vae.api.spi;

import dev.vae.api.InferenceNetwork;
import dev.vae.api.LatentLayout;
import dev.vae.api.Relaxation;
import dev.vae.api.WeightScope;
import dev.vae.api.WeightValues;
import java.util.Optional;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.rng.Random;

/**
 * The prior p(z) over codes: its log-density in the graph, for the bound, and draws from it, for new
 * data. A learned prior declares its parameters as weights, which are then trained with the rest of
 * the model. The framework calls the forms that take the model's {@link InferenceNetwork}; a prior
 * built from the encoder overrides those, any other the forms without it.
 */
public interface Prior extends Plugin<Prior> {

    /**
     * log p(z) of N codes, summed over the code.
     *
     * @param weights where the prior declares its weights
     * @param z shape [N, layout.codeWidth()]
     * @param layout the family's, which says whether the codes are real or relaxed categoricals
     * @param relaxation where the family draws relaxed categoricals, how; empty for real codes
     * @return shape [N]
     * @throws IllegalArgumentException for codes this prior is not over, naming the prior that fits
     */
    SDVariable logDensity(WeightScope weights, SDVariable z, LatentLayout layout, Optional<Relaxation> relaxation);

    /**
     * Fills {@code z} with independent draws.
     *
     * @param z shape [N, layout.codeWidth()], overwritten
     * @param layout the family's, as given to {@link #logDensity}
     * @param weights the current values of the weights {@link #logDensity} declared
     * @param rng the only source of randomness
     */
    void sample(INDArray z, LatentLayout layout, WeightValues weights, Random rng);

    /**
     * log p(z) as {@link #logDensity(WeightScope, SDVariable, LatentLayout, Optional)} gives it, for a
     * prior that may build its density from the model's inference network; what the framework calls.
     *
     * @param inference the model's encoder and family, before any flow
     */
    default SDVariable logDensity(WeightScope weights, SDVariable z, LatentLayout layout, Optional<Relaxation> relaxation,
                                  InferenceNetwork inference) {
        return logDensity(weights, z, layout, relaxation);
    }

    /**
     * Draws as {@link #sample(INDArray, LatentLayout, WeightValues, Random)} gives them, for a prior
     * that may draw through the model's inference network; what the framework calls.
     *
     * @param inference the model's encoder and family, before any flow, with the current weights
     */
    default void sample(INDArray z, LatentLayout layout, WeightValues weights, InferenceNetwork inference, Random rng) {
        sample(z, layout, weights, rng);
    }
}
