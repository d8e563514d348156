package dev.vae.divergence;

import dev.vae.api.LogWeights;
import dev.vae.api.ParamSpec;
import dev.vae.api.ParamValues;
import dev.vae.api.spi.Divergence;
import java.util.List;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;

/**
 * The Renyi, or variational Renyi (VR), bound of Li and Turner (2016):
 * L_alpha = 1/(1 - alpha) log mean_k w_k^(1 - alpha), with w = p(x, z) / q(z|x). alpha = 0 is the
 * importance-weighted bound of Burda et al. (2015), which tightens as K grows; the bound decreases in
 * alpha, and alpha = 1 would be the ELBO, which is the {@code kl} divergence.
 */
public final class AlphaDivergence implements Divergence {
    private static final List<ParamSpec> PARAMETERS = List.of(
            ParamSpec.real("alpha", "Renyi order; 0 is IWAE, values below 1 give lower bounds", 0.5, -100, 100));

    private final double alpha;

    /** alpha = 0.5. */
    public AlphaDivergence() {
        this(0.5);
    }

    private AlphaDivergence(double alpha) {
        if (alpha == 1) {
            throw new IllegalArgumentException("alpha = 1 is the ELBO: use --divergence kl");
        }
        this.alpha = alpha;
    }

    @Override
    public String name() {
        return "alpha";
    }

    @Override
    public String description() {
        return "Renyi (VR) bound 1/(1-alpha) log mean_k w^(1-alpha); alpha = 0 is the IWAE bound";
    }

    @Override
    public List<ParamSpec> parameters() {
        return PARAMETERS;
    }

    @Override
    public Divergence configure(ParamValues values) {
        return new AlphaDivergence(values.real("alpha"));
    }

    @Override
    public SDVariable bound(SameDiff sd, LogWeights weights) {
        return PowerMeanBound.of(sd, weights, 1 - alpha);
    }
}
