package dev.vae.sampler;

import dev.vae.api.LatentLayout;
import dev.vae.api.spi.ClosedFormKl;
import dev.vae.api.support.LocationScaleFamily;
import dev.vae.api.support.Reductions;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;

/** KL(N(mu, sigma^2) || N(0, 1)) = -1/2 sum (1 + log sigma^2 - mu^2 - sigma^2) (Kingma and Welling 2014, appendix B). */
public final class NormalStandardNormalKl implements ClosedFormKl {

    @Override
    public String family() {
        return "normal";
    }

    @Override
    public String prior() {
        return "standard-normal";
    }

    @Override
    public SDVariable kl(SameDiff sd, SDVariable encoderOut, LatentLayout layout, int latentDim) {
        SDVariable mu = LocationScaleFamily.location(encoderOut, latentDim);
        SDVariable logVar = LocationScaleFamily.logScale(encoderOut, latentDim);
        return Reductions.sum(logVar.add(1.0).sub(sd.math.square(mu)).sub(sd.math.exp(logVar)), 1, latentDim).mul(-0.5);
    }
}
