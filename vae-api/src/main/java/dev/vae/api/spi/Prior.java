package dev.vae.api.spi;

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
 * the model.
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
}
