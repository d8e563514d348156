package dev.vae.sampler;

import dev.vae.api.Posterior;
import dev.vae.api.PosteriorDraw;
import dev.vae.api.WeightScope;
import dev.vae.api.support.Densities;
import dev.vae.api.support.LocationScaleFamily;
import dev.vae.api.support.Reductions;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.random.impl.GaussianDistribution;
import org.nd4j.linalg.api.rng.Random;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * A diagonal Gaussian posterior, the tutorial's family. The encoder gives a mean mu and a
 * log-variance per latent variable, and z = mu + exp(log-variance / 2) * eps with eps ~ N(0, I)
 * (Kingma and Welling 2014). The log-variance, not the standard deviation, is what the encoder
 * outputs, so that any real output is a valid scale.
 */
public final class NormalSampler extends LocationScaleFamily {

    @Override
    public String name() {
        return "normal";
    }

    @Override
    public String description() {
        return "diagonal Gaussian q(z|x) = N(mu, sigma^2), z = mu + sigma * eps";
    }

    @Override
    public void sampleNoise(INDArray eps, Random rng) {
        Nd4j.getExecutioner().exec(new GaussianDistribution(eps, 0.0, 1.0), rng);
    }

    @Override
    public PosteriorDraw reparameterize(WeightScope weights, SDVariable encoderOut, SDVariable eps, int latentDim) {
        SameDiff sd = weights.sameDiff();
        SDVariable mu = location(encoderOut, latentDim);
        SDVariable logVar = logScale(encoderOut, latentDim);
        SDVariable z = eps.mul(sd.math.exp(logVar.mul(0.5))).add(mu);
        SDVariable logPosterior = Densities.standardNormal(sd, eps).sub(logVar.mul(0.5)).sum(2);
        return PosteriorDraw.real(z, logPosterior);
    }

    /** Sum over the code of log N(z_j; mu_mj, sigma_mj^2), each code against each row of parameters. */
    @Override
    public SDVariable logDensity(SameDiff sd, SDVariable z, SDVariable encoderOut, int latentDim) {
        SDVariable mu = location(encoderOut, latentDim).reshape(1, -1, latentDim);
        SDVariable logVar = logScale(encoderOut, latentDim).reshape(1, -1, latentDim);
        return Reductions.sum(Densities.normal(sd, z.reshape(-1, 1, latentDim), mu, logVar), 2, latentDim);
    }

    @Override
    public Posterior posterior(INDArray encoderOut, int latentDim) {
        INDArray mean = location(encoderOut, latentDim);
        INDArray logVar = logScale(encoderOut, latentDim);
        return new Posterior(mean, Transforms.exp(logVar, true));
    }
}
