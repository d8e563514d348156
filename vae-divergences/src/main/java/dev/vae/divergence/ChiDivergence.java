package dev.vae.divergence;

import dev.vae.api.LogWeights;
import dev.vae.api.ParamSpec;
import dev.vae.api.ParamValues;
import dev.vae.api.spi.Divergence;
import java.util.List;
import java.util.Optional;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;

/**
 * The chi upper bound (CUBO) of Dieng et al. (2017): CUBO_n = (1/n) log E_q[w^n] >= log p(x) for
 * n >= 1, estimated by (1/n) log mean_k w_k^n over the K samples.
 *
 * <p>Training uses the bound as the paper's sandwich does, from both sides. The decoder maximizes the
 * ELBO of the draws ({@link #decoderObjective}): lowering an upper bound by moving the model would
 * lower the model's likelihood. The encoder maximizes the ELBO and narrows the sandwich: it minimizes
 * -ELBO + {@code width} (CUBO_n - ELBO), the width estimated from the same K draws. It does not
 * minimize the CUBO alone, as CHIVI does for a fixed model, because with reparameterized draws the
 * CUBO's estimate is unbounded below: the encoder lowers it by sending q where every w is small and
 * never draws the heavy tails that make the true CUBO large. The width's estimate is a power mean
 * minus a geometric mean, never negative and zero only when w is constant, that is when q is the
 * posterior; the ELBO term keeps q where the posterior is. K must be at least 2: with one draw the
 * two estimates coincide.
 */
public final class ChiDivergence implements Divergence {
    private static final List<ParamSpec> PARAMETERS = List.of(
            ParamSpec.real("n", "order of the chi divergence; n >= 1 gives an upper bound", 2, 1, 100),
            ParamSpec.real("width", "weight of the sandwich width CUBO - ELBO in the encoder's loss", 1, 0, 1000));

    private final double n;
    private final double width;

    /** n = 2, width = 1. */
    public ChiDivergence() {
        this(2, 1);
    }

    private ChiDivergence(double n, double width) {
        this.n = n;
        this.width = width;
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
        return new ChiDivergence(values.real("n"), values.real("width"));
    }

    @Override
    public SDVariable bound(SameDiff sd, LogWeights weights) {
        return PowerMeanBound.of(sd, weights, n);
    }

    /** The encoder's loss, -ELBO + width (CUBO_n - ELBO), averaged over the batch; see the class comment. */
    @Override
    public SDVariable loss(SameDiff sd, LogWeights weights) {
        if (weights.samples() < 2) {
            throw new IllegalArgumentException("the chi divergence needs at least 2 samples per example (--samples K), "
                    + "got " + weights.samples() + ": with one, its bound and the ELBO coincide");
        }
        SDVariable sandwich = bound(sd, weights).sub(weights.meanOverSamples(weights.logWeights()));
        return sandwich.mul(width).sub(weights.elbo()).mean();
    }

    /** The ELBO, with the analytic KL where the sampler has one. */
    @Override
    public Optional<Divergence> decoderObjective() {
        return Optional.of(new KlDivergence());
    }
}
