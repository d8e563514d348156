package dev.vae.prior;

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

/** p(z) = N(0, I), the tutorial's prior. */
public final class StandardNormalPrior implements Prior {

    @Override
    public String name() {
        return "standard-normal";
    }

    @Override
    public String description() {
        return "N(0, I) over real codes";
    }

    @Override
    public Prior configure(ParamValues values) {
        return this;
    }

    @Override
    public SDVariable logDensity(WeightScope weights, SDVariable z, LatentLayout layout, Optional<Relaxation> relaxation) {
        if (relaxation.isPresent()) {
            throw new IllegalArgumentException("prior standard-normal is over real codes, but the sampler draws relaxed "
                    + "categoricals; choose --prior uniform-categorical");
        }
        return Reductions.sum(Densities.standardNormal(weights.sameDiff(), z), 1, layout.codeWidth());
    }

    @Override
    public void sample(INDArray z, LatentLayout layout, WeightValues weights, Random rng) {
        Nd4j.getExecutioner().exec(new GaussianDistribution(z, 0.0, 1.0), rng);
    }
}
