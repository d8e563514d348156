package dev.vae.sampler;

import dev.vae.api.LatentLayout;
import dev.vae.api.spi.ClosedFormKl;
import dev.vae.api.support.Densities;
import dev.vae.api.support.LocationScaleFamily;
import dev.vae.api.support.Reductions;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;

/**
 * KL(Laplace(mu, b) || N(0, 1)) per variable: E_q[log q] = -log(2b) - 1 and E_q[z^2] = mu^2 + 2b^2, so
 * KL = -log(2b) - 1 + log(2 pi)/2 + (mu^2 + 2b^2)/2.
 */
public final class LaplaceStandardNormalKl implements ClosedFormKl {
    private static final double LOG_TWO = Math.log(2);

    @Override
    public String family() {
        return "laplace";
    }

    @Override
    public String prior() {
        return "standard-normal";
    }

    @Override
    public SDVariable kl(SameDiff sd, SDVariable encoderOut, LatentLayout layout, int latentDim) {
        SDVariable mu = LocationScaleFamily.location(encoderOut, latentDim);
        SDVariable logScale = LocationScaleFamily.logScale(encoderOut, latentDim);
        SDVariable scale = sd.math.exp(logScale);
        SDVariable perVariable = logScale.add(LOG_TWO + 1 - Densities.HALF_LOG_TWO_PI).neg()
                .add(sd.math.square(mu).add(sd.math.square(scale).mul(2)).mul(0.5));
        return Reductions.sum(perVariable, 1, latentDim);
    }
}
