package dev.vae.sampler;

import dev.vae.api.LatentLayout;
import dev.vae.api.LatentSample;
import dev.vae.api.ParamValues;
import dev.vae.api.Posterior;
import dev.vae.api.spi.NoiseSampler;
import dev.vae.api.support.Reductions;
import java.util.Optional;
import org.nd4j.autodiff.samediff.SDIndex;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.random.impl.GaussianDistribution;
import org.nd4j.linalg.api.ops.random.impl.UniformDistribution;
import org.nd4j.linalg.api.rng.Random;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * A diagonal Laplace posterior, heavier-tailed than the Gaussian, with the same N(0, I) prior. The
 * encoder gives a location mu and a log-scale log b per latent variable; z = mu + b * eps with eps
 * standard Laplace, drawn by the inverse CDF: eps = -sign(u) log(1 - 2|u|), u uniform on (-1/2, 1/2).
 *
 * <p>The KL to the prior has a closed form, since E_q[log q] = -log(2b) - 1 and
 * E_q[z^2] = mu^2 + 2b^2: KL = -log(2b) - 1 + log(2 pi)/2 + (mu^2 + 2b^2)/2 per variable.
 */
public final class LaplaceSampler implements NoiseSampler {
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
    public NoiseSampler configure(ParamValues values) {
        return this;
    }

    @Override
    public LatentLayout layout(int latentDim) {
        return new LatentLayout(2 * latentDim, latentDim, latentDim);
    }

    @Override
    public void sampleNoise(INDArray eps, Random rng) {
        Nd4j.getExecutioner().exec(new UniformDistribution(eps, -0.5, 0.5), rng);
        INDArray magnitude = Transforms.log(Transforms.abs(eps, true).muli(-2).addi(1), false).negi();
        Transforms.sign(eps, false).muli(magnitude);
    }

    @Override
    public LatentSample reparameterize(SameDiff sd, SDVariable encoderOut, SDVariable eps, int latentDim) {
        SDVariable mu = encoderOut.get(SDIndex.all(), SDIndex.interval(0, latentDim));
        SDVariable logScale = encoderOut.get(SDIndex.all(), SDIndex.interval(latentDim, 2 * latentDim));
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
        INDArray mean = encoderOut.get(NDArrayIndex.all(), NDArrayIndex.interval(0, latentDim)).dup();
        INDArray logScale = encoderOut.get(NDArrayIndex.all(), NDArrayIndex.interval(latentDim, 2 * latentDim));
        return new Posterior(mean, Transforms.exp(logScale.mul(2), false).muli(2));
    }

    @Override
    public void samplePrior(INDArray z, Random rng) {
        Nd4j.getExecutioner().exec(new GaussianDistribution(z, 0.0, 1.0), rng);
    }
}
