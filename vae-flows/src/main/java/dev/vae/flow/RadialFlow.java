package dev.vae.flow;

import dev.vae.api.FlowStep;
import dev.vae.api.Initializer;
import dev.vae.api.ParamSpec;
import dev.vae.api.ParamValues;
import dev.vae.api.WeightScope;
import dev.vae.api.spi.Flow;
import dev.vae.api.support.Reductions;
import dev.vae.api.support.Softplus;
import java.util.List;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;

/**
 * K radial transforms in turn (Rezende and Mohamed 2015, eq. 13-14 and appendix A.2), each contracting
 * or expanding codes around a learned point z0: f(z) = z + β h(r) (z − z0), h(r) = 1 / (α + r),
 * r = ‖z − z0‖, with log |det df/dz| = (L − 1) log(1 + βh) + log(1 + βh + βh′(r) r). Step k owns the
 * weights {@code k.z0} [L], {@code k.alpha} [1] and {@code k.beta} [1], counted from 0.
 *
 * <p>Each step is invertible because α = softplus(alpha) > 0 and β = −α + softplus(beta) ≥ −α, the
 * paper's condition. With s = softplus(beta) = α + β, the two factors of the determinant are
 * 1 + βh = (r + s) h and 1 + βh + βh′r = 1 + αβh² = (α s + r (2α + r)) h², sums of terms that are not
 * negative, and the log-determinant is computed in that form: the textbook one cancels to zero in single
 * precision where β is close to −α and z close to z0, the strongest contraction.
 *
 * <p>z0 starts as normal draws and both raw weights at 0, where β = −log 2 + log 2 = 0: the flow starts
 * as the identity. A stack of random contractions and expansions would distort q's draws before the
 * encoder has learned anything, the more so the longer the stack; at the identity the model starts as
 * the family alone, and β's gradient, h (z − z0) times the decoder's and prior's pull, is not zero there,
 * so training moves it off the identity from the first step.
 */
public final class RadialFlow implements Flow {
    private static final List<ParamSpec> PARAMETERS = List.of(
            ParamSpec.integer("length", "radial transforms K in the stack", 10, 1, 100));

    private final int length;

    /** Ten steps, as {@link PlanarFlow}'s default: the paper's shortest flow on MNIST. */
    public RadialFlow() {
        this(10);
    }

    private RadialFlow(int length) {
        this.length = length;
    }

    @Override
    public String name() {
        return "radial";
    }

    @Override
    public String description() {
        return "K radial contractions or expansions z + beta h(r) (z - z0) around learned points, invertible by "
                + "construction (Rezende and Mohamed 2015)";
    }

    @Override
    public List<ParamSpec> parameters() {
        return PARAMETERS;
    }

    @Override
    public Flow configure(ParamValues values) {
        return new RadialFlow(values.integer("length"));
    }

    @Override
    public FlowStep transform(WeightScope weights, SDVariable z, int codeWidth) {
        return StepStack.of(length, z, (in, k) -> step(weights, in, codeWidth, k));
    }

    /** Step k on [N, L] codes; its log-determinant is a column [N, 1]. */
    private static FlowStep step(WeightScope weights, SDVariable z, int width, int k) {
        SameDiff sd = weights.sameDiff();
        SDVariable z0 = weights.declare(k + ".z0", new long[] {width}, Initializer.normal(0, 1));
        SDVariable alpha = Softplus.of(sd, weights.declare(k + ".alpha", new long[] {1}, Initializer.zeros()));
        SDVariable sum = Softplus.of(sd, weights.declare(k + ".beta", new long[] {1}, Initializer.zeros()));
        SDVariable offset = z.sub(z0);
        SDVariable r = sd.math.pow(Reductions.sum(sd.math.square(offset), 1, width), 0.5).reshape(-1, 1);
        SDVariable alphaPlusR = r.add(alpha);
        SDVariable betaH = sum.sub(alpha).mul(sd.math.reciprocal(alphaPlusR));
        SDVariable radial = sd.math.log(alpha.mul(sum).add(r.mul(alpha.mul(2).add(r))));
        SDVariable logDet = radial.sub(sd.math.log(alphaPlusR).mul(width + 1));
        if (width > 1) {
            logDet = logDet.add(sd.math.log(r.add(sum)).mul(width - 1));
        }
        return new FlowStep(z.add(offset.mul(betaH)), logDet);
    }
}
