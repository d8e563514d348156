package dev.vae.sampler;

import dev.vae.api.Posterior;
import dev.vae.api.PosteriorDraw;
import dev.vae.api.WeightScope;
import dev.vae.api.support.LocationScaleFamily;
import dev.vae.api.support.Reductions;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.random.impl.UniformDistribution;
import org.nd4j.linalg.api.rng.Random;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * A diagonal Laplace posterior, heavier-tailed than the Gaussian. The
 * encoder gives a location mu and a log-scale log b per latent variable; z = mu + b * eps with eps
 * standard Laplace, drawn by the inverse CDF: eps = -sign(u) log(1 - 2|u|), u uniform on (-1/2, 1/2).
 */
public final class LaplaceSampler extends LocationScaleFamily {
    private static final double LOG_TWO = Math.log(2);

    @Override
    public String name() {
        return "laplace";
    }

    @Override
    public String description() {
        return "diagonal Laplace q(z|x) with location and log-scale, z = mu + b * eps";
    }

    @Override
    public void sampleNoise(INDArray eps, Random rng) {
        Nd4j.getExecutioner().exec(new UniformDistribution(eps, -0.5, 0.5), rng);
        INDArray magnitude = Transforms.log(Transforms.abs(eps, true).muli(-2).addi(1), false).negi();
        Transforms.sign(eps, false).muli(magnitude);
    }

    @Override
    public PosteriorDraw reparameterize(WeightScope weights, SDVariable encoderOut, SDVariable eps, int latentDim) {
        SameDiff sd = weights.sameDiff();
        SDVariable mu = location(encoderOut, latentDim);
        SDVariable logScale = logScale(encoderOut, latentDim);
        SDVariable z = eps.mul(sd.math.exp(logScale)).add(mu);
        SDVariable logPosterior = sd.math.abs(eps).add(logScale).add(LOG_TWO).neg().sum(2);
        return PosteriorDraw.real(z, logPosterior);
    }

    /** Sum over the code of -|z_j - mu_mj| / b_mj - log(2 b_mj), each code against each row of parameters. */
    @Override
    public SDVariable logDensity(SameDiff sd, SDVariable z, SDVariable encoderOut, int latentDim) {
        SDVariable mu = location(encoderOut, latentDim).reshape(1, -1, latentDim);
        SDVariable logScale = logScale(encoderOut, latentDim).reshape(1, -1, latentDim);
        SDVariable standardized = sd.math.abs(z.reshape(-1, 1, latentDim).sub(mu)).mul(sd.math.exp(logScale.neg()));
        return Reductions.sum(standardized.add(logScale).add(LOG_TWO).neg(), 2, latentDim);
    }

    @Override
    public Posterior posterior(INDArray encoderOut, int latentDim) {
        INDArray mean = location(encoderOut, latentDim);
        INDArray logScale = logScale(encoderOut, latentDim);
        return new Posterior(mean, Transforms.exp(logScale.mul(2), false).muli(2));
    }
}
