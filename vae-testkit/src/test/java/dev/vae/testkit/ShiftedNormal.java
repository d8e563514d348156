package dev.vae.testkit;

import dev.vae.api.LatentLayout;
import dev.vae.api.LatentSample;
import dev.vae.api.ParamValues;
import dev.vae.api.Posterior;
import dev.vae.api.spi.NoiseSampler;
import java.util.Optional;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.random.impl.GaussianDistribution;
import org.nd4j.linalg.api.rng.Random;
import org.nd4j.linalg.factory.Nd4j;

/**
 * q(z|x) = N(mu, 1), prior N(0, 1), KL = mu² / 2 per variable; the encoder outputs mu alone. Its noise
 * scale and its KL can be made wrong, as a faulty plugin's would be.
 */
final class ShiftedNormal implements NoiseSampler {
    private static final double HALF_LOG_TWO_PI = 0.5 * Math.log(2 * Math.PI);

    private final double noiseScale;
    private final double klFactor;

    ShiftedNormal(double noiseScale, double klFactor) {
        this.noiseScale = noiseScale;
        this.klFactor = klFactor;
    }

    @Override
    public String name() {
        return "shifted";
    }

    @Override
    public String description() {
        return "N(mu, 1)";
    }

    @Override
    public NoiseSampler configure(ParamValues values) {
        return this;
    }

    @Override
    public LatentLayout layout(int latentDim) {
        return new LatentLayout(latentDim, latentDim, latentDim);
    }

    @Override
    public void sampleNoise(INDArray eps, Random rng) {
        Nd4j.getExecutioner().exec(new GaussianDistribution(eps, 0.0, noiseScale), rng);
    }

    @Override
    public LatentSample reparameterize(SameDiff sd, SDVariable encoderOut, SDVariable eps, int latentDim) {
        SDVariable z = eps.add(encoderOut);
        SDVariable logPosterior = sd.math.square(eps).mul(-0.5).sub(HALF_LOG_TWO_PI).sum(2);
        SDVariable logPrior = sd.math.square(z).mul(-0.5).sub(HALF_LOG_TWO_PI).sum(2);
        SDVariable kl = sd.math.square(encoderOut).sum(1).mul(0.5 * klFactor);
        return new LatentSample(z, logPosterior, logPrior, Optional.of(kl));
    }

    @Override
    public Posterior posterior(INDArray encoderOut, int latentDim) {
        return new Posterior(encoderOut.dup(), Nd4j.onesLike(encoderOut));
    }

    @Override
    public void samplePrior(INDArray z, Random rng) {
        Nd4j.getExecutioner().exec(new GaussianDistribution(z, 0.0, 1.0), rng);
    }
}
