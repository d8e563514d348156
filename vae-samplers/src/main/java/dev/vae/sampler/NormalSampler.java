package dev.vae.sampler;

import dev.vae.api.LatentSample;
import dev.vae.api.Posterior;
import dev.vae.api.support.Reductions;
import java.util.Optional;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.random.impl.GaussianDistribution;
import org.nd4j.linalg.api.rng.Random;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * A diagonal Gaussian posterior with a standard normal prior, the tutorial's family. The encoder
 * gives a mean mu and a log-variance per latent variable, and z = mu + exp(log-variance / 2) * eps
 * with eps ~ N(0, I) (Kingma and Welling 2014). The log-variance, not the standard deviation, is
 * what the encoder outputs, so that any real output is a valid scale.
 */
public final class NormalSampler extends LocationScaleSampler {
    private static final double HALF_LOG_TWO_PI = 0.5 * Math.log(2 * Math.PI);

    @Override
    public String name() {
        return "normal";
    }

    @Override
    public String description() {
        return "diagonal Gaussian q(z|x) = N(mu, sigma^2), prior N(0, I), z = mu + sigma * eps";
    }

    @Override
    public void sampleNoise(INDArray eps, Random rng) {
        Nd4j.getExecutioner().exec(new GaussianDistribution(eps, 0.0, 1.0), rng);
    }

    @Override
    public LatentSample reparameterize(SameDiff sd, SDVariable encoderOut, SDVariable eps, int latentDim) {
        SDVariable mu = location(encoderOut, latentDim);
        SDVariable logVar = logScale(encoderOut, latentDim);
        SDVariable z = eps.mul(sd.math.exp(logVar.mul(0.5))).add(mu);
        SDVariable logPosterior = sd.math.square(eps).mul(-0.5).sub(logVar.mul(0.5)).sub(HALF_LOG_TWO_PI).sum(2);
        SDVariable logPrior = sd.math.square(z).mul(-0.5).sub(HALF_LOG_TWO_PI).sum(2);
        SDVariable kl = Reductions.sum(logVar.add(1.0).sub(sd.math.square(mu)).sub(sd.math.exp(logVar)), 1, latentDim)
                .mul(-0.5);
        return new LatentSample(z, logPosterior, logPrior, Optional.of(kl));
    }

    @Override
    public Posterior posterior(INDArray encoderOut, int latentDim) {
        INDArray mean = location(encoderOut, latentDim);
        INDArray logVar = logScale(encoderOut, latentDim);
        return new Posterior(mean, Transforms.exp(logVar, true));
    }
}
