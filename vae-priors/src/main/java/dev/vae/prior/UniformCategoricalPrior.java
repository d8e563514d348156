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
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.random.impl.UniformDistribution;
import org.nd4j.linalg.api.rng.Random;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Independent categorical variables, uniform over their categories: the prior of Jang et al. (2017).
 * Over relaxed codes its density is that of the Concrete distribution with equal locations at the
 * family's temperature; new data is decoded from exact one-hot draws.
 */
public final class UniformCategoricalPrior implements Prior {

    @Override
    public String name() {
        return "uniform-categorical";
    }

    @Override
    public String description() {
        return "uniform categorical variables, relaxed (Concrete) at the family's temperature; for sampler gumbel";
    }

    @Override
    public Prior configure(ParamValues values) {
        return this;
    }

    @Override
    public SDVariable logDensity(WeightScope weights, SDVariable z, LatentLayout layout, Optional<Relaxation> relaxation) {
        Relaxation relaxed = relaxation.orElseThrow(() -> new IllegalArgumentException("prior uniform-categorical is "
                + "over relaxed categorical codes, but the sampler draws real ones; choose a sampler such as gumbel"));
        int categories = relaxed.categories();
        SameDiff sd = weights.sameDiff();
        SDVariable logY = relaxed.logCodes().reshape(-1, categories);
        SDVariable logUniform = sd.zerosLike(logY).sub(Math.log(categories));
        int variables = layout.codeWidth() / categories;
        SDVariable perVariable = Densities.concrete(sd, logUniform, logY, relaxed.temperature(), categories);
        return Reductions.sum(perVariable.reshape(-1, variables), 1, variables);
    }

    /** Exact one-hot vectors, each category of each variable equally likely; {@code z} holds C columns per variable. */
    @Override
    public void sample(INDArray z, LatentLayout layout, WeightValues weights, Random rng) {
        int categories = layout.categories();
        INDArray u = Nd4j.create(z.dataType(), z.rows(), z.columns() / categories);
        Nd4j.getExecutioner().exec(new UniformDistribution(u, 0.0, 1.0), rng);
        z.assign(0);
        for (long i = 0; i < u.rows(); i++) {
            for (long n = 0; n < u.columns(); n++) {
                int category = Math.min(categories - 1, (int) (u.getDouble(i, n) * categories));
                z.putScalar(i, n * categories + category, 1.0);
            }
        }
    }
}
