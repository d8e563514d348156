package dev.vae.example.affine;

import dev.vae.api.FlowStep;
import dev.vae.api.Initializer;
import dev.vae.api.ParamValues;
import dev.vae.api.WeightScope;
import dev.vae.api.spi.Flow;
import dev.vae.api.support.Reductions;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;

/**
 * An elementwise affine transform of the codes, f(z) = z ⊙ exp(s) + t, with a learned log-scale s and
 * shift t per latent variable: its Jacobian is diagonal, so log |det df/dz| = Σ s, the same for every
 * code. It owns {@code s} [L] and {@code t} [L]. The scale exp(s) is positive for every s, which keeps
 * the transform invertible. Both start at 0, where the flow is the identity. Stack several with
 * {@code --flow} given more than once.
 */
public final class AffineFlow implements Flow {

    @Override
    public String name() {
        return "affine";
    }

    @Override
    public String description() {
        return "an elementwise affine map z * exp(s) + t with a learned log-scale s and shift t per latent variable";
    }

    @Override
    public Flow configure(ParamValues values) {
        return this;
    }

    @Override
    public FlowStep transform(WeightScope weights, SDVariable z, int codeWidth) {
        SameDiff sd = weights.sameDiff();
        SDVariable s = weights.declare("s", new long[] {codeWidth}, Initializer.zeros());
        SDVariable t = weights.declare("t", new long[] {codeWidth}, Initializer.zeros());
        // s broadcast over the rows: every code has the same log-determinant.
        SDVariable logDet = Reductions.sum(sd.zerosLike(z).add(s), 1, codeWidth);
        return new FlowStep(z.mul(sd.math.exp(s)).add(t), logDet);
    }
}
