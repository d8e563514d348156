package dev.vae.example.prior;

import dev.vae.api.Initializer;
import dev.vae.api.LatentLayout;
import dev.vae.api.ParamValues;
import dev.vae.api.Relaxation;
import dev.vae.api.WeightScope;
import dev.vae.api.WeightValues;
import dev.vae.api.spi.Prior;
import dev.vae.api.support.Densities;
import dev.vae.api.support.Reductions;
import java.util.Optional;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.random.impl.GaussianDistribution;
import org.nd4j.linalg.api.rng.Random;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * p(z) = N(z; mu, diag exp(v)) over real codes, with the mean {@code mean} [L] and the log-variances
 * {@code log_variance} [L] declared as weights, so that the model trains them with the encoder and
 * decoder. Both start at 0: the prior starts as N(0, I), the tutorial's.
 */
public final class LearnedNormalPrior implements Prior {

    @Override
    public String name() {
        return "learned-normal";
    }

    @Override
    public String description() {
        return "N(mu, diag sigma^2) over real codes, with mu and log sigma^2 learned; starts as N(0, I)";
    }

    @Override
    public Prior configure(ParamValues values) {
        return this;
    }

    @Override
    public SDVariable logDensity(WeightScope weights, SDVariable z, LatentLayout layout, Optional<Relaxation> relaxation) {
        if (relaxation.isPresent()) {
            throw new IllegalArgumentException("prior learned-normal is over real codes, but the sampler draws relaxed "
                    + "categoricals; choose --prior uniform-categorical");
        }
        long[] shape = {layout.codeWidth()};
        SDVariable mean = weights.declare("mean", shape, Initializer.zeros());
        SDVariable logVariance = weights.declare("log_variance", shape, Initializer.zeros());
        return Reductions.sum(Densities.normal(weights.sameDiff(), z, mean, logVariance), 1, layout.codeWidth());
    }

    @Override
    public void sample(INDArray z, LatentLayout layout, WeightValues weights, Random rng) {
        Nd4j.getExecutioner().exec(new GaussianDistribution(z, 0.0, 1.0), rng);
        INDArray scale = Transforms.exp(weights.get("log_variance").castTo(z.dataType()).mul(0.5), false);
        z.muliRowVector(scale).addiRowVector(weights.get("mean").castTo(z.dataType()));
    }
}
