package dev.vae.testkit;

import dev.vae.api.LatentLayout;
import dev.vae.api.ParamValues;
import dev.vae.api.Posterior;
import dev.vae.api.PosteriorDraw;
import dev.vae.api.Relaxation;
import dev.vae.api.WeightScope;
import dev.vae.api.WeightValues;
import dev.vae.api.spi.ClosedFormKl;
import dev.vae.api.spi.NoiseSampler;
import dev.vae.api.spi.Prior;
import java.util.Optional;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.random.impl.GaussianDistribution;
import org.nd4j.linalg.api.rng.Random;
import org.nd4j.linalg.factory.Nd4j;

/**
 * q(z|x) = N(mu, 1); the encoder outputs mu alone. With {@link UnitPrior}, N(0, 1), KL = mu² / 2 per
 * variable ({@link Kl}). Its noise scale and its KL can be made wrong, as a faulty plugin's would be.
 */
final class ShiftedNormal implements NoiseSampler {
    private static final double HALF_LOG_TWO_PI = 0.5 * Math.log(2 * Math.PI);

    private final double noiseScale;

    ShiftedNormal(double noiseScale) {
        this.noiseScale = noiseScale;
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
    public PosteriorDraw reparameterize(WeightScope weights, SDVariable encoderOut, SDVariable eps, int latentDim) {
        SameDiff sd = weights.sameDiff();
        SDVariable z = eps.add(encoderOut);
        return PosteriorDraw.real(z, sd.math.square(eps).mul(-0.5).sub(HALF_LOG_TWO_PI).sum(2));
    }

    @Override
    public Posterior posterior(INDArray encoderOut, int latentDim) {
        return new Posterior(encoderOut.dup(), Nd4j.onesLike(encoderOut));
    }

    /** N(0, 1). */
    static final class UnitPrior implements Prior {
        @Override
        public String name() {
            return "unit";
        }

        @Override
        public String description() {
            return "N(0, 1)";
        }

        @Override
        public Prior configure(ParamValues values) {
            return this;
        }

        @Override
        public SDVariable logDensity(WeightScope weights, SDVariable z, LatentLayout layout, Optional<Relaxation> relaxation) {
            return weights.sameDiff().math.square(z).mul(-0.5).sub(HALF_LOG_TWO_PI).sum(1);
        }

        @Override
        public void sample(INDArray z, LatentLayout layout, WeightValues weights, Random rng) {
            Nd4j.getExecutioner().exec(new GaussianDistribution(z, 0.0, 1.0), rng);
        }
    }

    /** KL = factor · mu² / 2 per variable: right for a factor of 1. */
    static final class Kl implements ClosedFormKl {
        private final double factor;

        Kl(double factor) {
            this.factor = factor;
        }

        @Override
        public String family() {
            return "shifted";
        }

        @Override
        public String prior() {
            return "unit";
        }

        @Override
        public SDVariable kl(SameDiff sd, SDVariable encoderOut, LatentLayout layout, int latentDim) {
            return sd.math.square(encoderOut).sum(1).mul(0.5 * factor);
        }
    }
}
