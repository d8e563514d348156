package dev.vae.api.spi;

import dev.vae.api.LatentLayout;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;

/**
 * KL(q(z|x) || p(z)) in closed form for one pair of a family and a prior, which the bound then uses in
 * place of its Monte Carlo estimate (lower variance; Kingma and Welling 2014, eq. 10). The framework
 * keeps these as a registry of pairs found with {@link java.util.ServiceLoader}, so that neither the
 * family nor the prior needs to know the other. A model with flows has no closed form and uses none.
 */
public interface ClosedFormKl {

    /** The name of the {@link NoiseSampler} this KL is for. */
    String family();

    /** The name of the {@link Prior} this KL is for. */
    String prior();

    /**
     * The KL of each example.
     *
     * @param encoderOut the family's parameters, shape [B, layout.encoderWidth()]
     * @return shape [B]
     */
    SDVariable kl(SameDiff sd, SDVariable encoderOut, LatentLayout layout, int latentDim);
}
