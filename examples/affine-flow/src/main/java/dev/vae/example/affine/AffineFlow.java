package dev.vae.example.radial;

import dev.vae.api.FlowStep;
import dev.vae.api.Initializer;
import dev.vae.api.ParamValues;
import dev.vae.api.WeightScope;
import dev.vae.api.spi.Flow;
import dev.vae.api.support.Reductions;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;

/**
 * One radial transform (Rezende and Mohamed 2015, eq. 13-14 and appendix A.2), which contracts or
 * expands codes around a learned point z0: f(z) = z + beta h(r) (z - z0), h(r) = 1 / (alpha + r),
 * r = |z - z0|, with log |det df/dz| = (L - 1) log(1 + beta h) + log(1 + beta h + beta h'(r) r).
 * It owns {@code z0} [L], {@code alpha} [1] and {@code beta} [1]; the transform uses
 * alpha = softplus(alpha weight) > 0 and beta = -alpha + softplus(beta weight) > -alpha, which keeps
 * it invertible and both logarithms' arguments positive. Both raw weights start at 0, where
 * beta = -log 2 + log 2 = 0: the flow starts as the identity. Stack several with {@code --flow} given
 * more than once.
 */
public final class RadialFlow implements Flow {

    @Override
    public String name() {
        return "radial";
    }

    @Override
    public String description() {
        return "a radial contraction or expansion around a learned point (Rezende and Mohamed 2015)";
    }

    @Override
    public Flow configure(ParamValues values) {
        return this;
    }

    @Override
    public FlowStep transform(WeightScope weights, SDVariable z, int codeWidth) {
        SameDiff sd = weights.sameDiff();
        SDVariable z0 = weights.declare("z0", new long[] {codeWidth}, Initializer.normal(0, 1));
        SDVariable alpha = softplus(sd, weights.declare("alpha", new long[] {1}, Initializer.zeros()));
        SDVariable beta = softplus(sd, weights.declare("beta", new long[] {1}, Initializer.zeros())).sub(alpha);
        SDVariable offset = z.sub(z0);
        SDVariable r = sd.math.sqrt(Reductions.sum(sd.math.square(offset), 1, codeWidth)).reshape(-1, 1);
        SDVariable h = sd.math.reciprocal(r.add(alpha));
        SDVariable betaH = h.mul(beta);
        SDVariable hPrimeR = sd.math.square(h).mul(r).neg();
        SDVariable logDet = sd.math.log(betaH.add(1)).mul(codeWidth - 1)
                .add(sd.math.log(betaH.add(1).add(hPrimeR.mul(beta))));
        return new FlowStep(z.add(offset.mul(betaH)), logDet.reshape(-1));
    }

    /** log(1 + e^x) as max(x, 0) + log1p(e^-|x|), which does not overflow. */
    private static SDVariable softplus(SameDiff sd, SDVariable x) {
        return sd.nn.relu(x, 0).add(sd.math.log1p(sd.math.exp(sd.math.abs(x).neg())));
    }
}
