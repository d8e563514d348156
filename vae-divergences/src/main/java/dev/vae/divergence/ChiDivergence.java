package dev.vae.divergence;

import dev.vae.api.LogWeights;
import dev.vae.api.ParamSpec;
import dev.vae.api.ParamValues;
import dev.vae.api.spi.Divergence;
import java.util.List;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;

/**
 * The chi upper bound (CUBO) of Dieng et al. (2017): CUBO_n = (1/n) log E_q[w^n] >= log p(x) for
 * n >= 1, estimated by (1/n) log mean_k w_k^n over the K samples. Training minimizes the estimate,
 * averaged over the batch, with respect to every weight: for the encoder that fits a mass-covering q
 * that makes the upper bound tight, as the paper intends; for the decoder it also lowers the model's
 * likelihood, since the paper fits q to a fixed model. Use it to fit or evaluate an encoder, and a
 * lower bound to train a generative model. The gradient is that of the log of the Monte Carlo
 * estimate, which is biased for small K.
 */
public final class ChiDivergence implements Divergence {
    private static final List<ParamSpec> PARAMETERS = List.of(
            ParamSpec.real("n", "order of the chi divergence; n >= 1 gives an upper bound", 2, 1, 100));

    private final double n;

    /** n = 2. */
    public ChiDivergence() {
        this(2);
    }

    private ChiDivergence(double n) {
        this.n = n;
    }

    @Override
    public String name() {
        return "chi";
    }

    @Override
    public String description() {
        return "chi upper bound CUBO_n = (1/n) log mean_k w^n, an upper bound on log p(x)";
    }

    @Override
    public List<ParamSpec> parameters() {
        return PARAMETERS;
    }

    @Override
    public Divergence configure(ParamValues values) {
        return new ChiDivergence(values.real("n"));
    }

    @Override
    public SDVariable bound(SameDiff sd, LogWeights weights) {
        return PowerMeanBound.of(sd, weights, n);
    }

    /** Minimizes the upper bound, where the lower bounds maximize theirs. */
    @Override
    public SDVariable loss(SameDiff sd, LogWeights weights) {
        return bound(sd, weights).mean();
    }
}
