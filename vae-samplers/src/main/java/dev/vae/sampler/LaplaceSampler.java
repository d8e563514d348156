package dev.vae.sampler;

import dev.vae.api.LatentSample;
import dev.vae.api.Posterior;
import dev.vae.api.support.Reductions;
import java.util.Optional;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.random.impl.UniformDistribution;
import org.nd4j.linalg.api.rng.Random;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * A diagonal Laplace posterior, heavier-tailed than the Gaussian, with the same N(0, I) prior. The
 * encoder gives a location mu and a log-scale log b per latent variable; z = mu + b * eps with eps
 * standard Laplace, drawn by the inverse CDF: eps = -sign(u) log(1 - 2|u|), u uniform on (-1/2, 1/2).
 *
 * <p>The KL to the prior has a closed form, since E_q[log q] = -log(2b) - 1 and
 * E_q[z^2] = mu^2 + 2b^2: KL = -log(2b) - 1 + log(2 pi)/2 + (mu^2 + 2b^2)/2 per variable.
 */
public final class LaplaceSampler extends LocationScaleSampler {
    private static final double LOG_TWO = Math.log(2);
    private static final double HALF_LOG_TWO_PI = 0.5 * Math.log(2 * Math.PI);

    @Override
    public String name() {
        return "laplace";
    }

    @Override
    public String description() {
        return "diagonal Laplace q(z|x) with location and log-scale, prior N(0, I), z = mu + b * eps";
    }

    @Override
    public void sampleNoise(INDArray eps, Random rng) {
        Nd4j.getExecutioner().exec(new UniformDistribution(eps, -0.5, 0.5), rng);
        INDArray magnitude = Transforms.log(Transforms.abs(eps, true).muli(-2).addi(1), false).negi();
        Transforms.sign(eps, false).muli(magnitude);
    }

    @Override
    public LatentSample reparameterize(SameDiff sd, SDVariable encoderOut, SDVariable eps, int latentDim) {
        SDVariable mu = location(encoderOut, latentDim);
        SDVariable logScale = logScale(encoderOut, latentDim);
        SDVariable scale = sd.math.exp(logScale);
        SDVariable z = eps.mul(scale).add(mu);
        SDVariable logPosterior = sd.math.abs(eps).add(logScale).add(LOG_TWO).neg().sum(2);
        SDVariable logPrior = sd.math.square(z).mul(-0.5).sub(HALF_LOG_TWO_PI).sum(2);
        SDVariable perVariable = logScale.add(LOG_TWO + 1 - HALF_LOG_TWO_PI).neg()
                .add(sd.math.square(mu).add(sd.math.square(scale).mul(2)).mul(0.5));
        return new LatentSample(z, logPosterior, logPrior, Optional.of(Reductions.sum(perVariable, 1, latentDim)));
    }

    @Override
    public Posterior posterior(INDArray encoderOut, int latentDim) {
        INDArray mean = location(encoderOut, latentDim);
        INDArray logScale = logScale(encoderOut, latentDim);
        return new Posterior(mean, Transforms.exp(logScale.mul(2), false).muli(2));
    }
}
