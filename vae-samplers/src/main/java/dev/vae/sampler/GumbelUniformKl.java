package dev.vae.sampler;

import dev.vae.api.LatentLayout;
import dev.vae.api.spi.ClosedFormKl;
import dev.vae.api.support.Densities;
import dev.vae.api.support.Reductions;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;

/**
 * The KL of the discrete variables behind the relaxation, sum_n KL(Cat(pi_n) || Uniform(C)) =
 * sum pi log pi + N log C, which Jang et al. (2017) train with.
 */
public final class GumbelUniformKl implements ClosedFormKl {

    @Override
    public String family() {
        return "gumbel";
    }

    @Override
    public String prior() {
        return "uniform-categorical";
    }

    @Override
    public SDVariable kl(SameDiff sd, SDVariable encoderOut, LatentLayout layout, int latentDim) {
        int categories = layout.categories();
        SDVariable logPi = Densities.logSoftmax(sd, encoderOut.reshape(-1, categories));
        SDVariable klPerVariable = sd.math.exp(logPi).mul(logPi.add(Math.log(categories))).sum(1);
        return Reductions.sum(klPerVariable.reshape(-1, latentDim), 1, latentDim);
    }
}
