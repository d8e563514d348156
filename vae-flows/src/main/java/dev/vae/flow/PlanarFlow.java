package dev.vae.flow;

import dev.vae.api.FlowStep;
import dev.vae.api.Initializer;
import dev.vae.api.ParamSpec;
import dev.vae.api.ParamValues;
import dev.vae.api.WeightScope;
import dev.vae.api.spi.Flow;
import java.util.List;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;

/**
 * K planar transforms in turn (Rezende and Mohamed 2015, eq. 10-12 and appendix A.1), each
 * f(z) = z + û tanh(w·z + b), with log |det df/dz| = log |1 + û·ψ(z)| and ψ(z) = tanh'(w·z + b) w.
 * Step k owns the weights {@code k.u} [L], {@code k.w} [L] and {@code k.b} [1], counted from 0.
 *
 * <p>Each step is invertible because û = u + (m(w·u) − w·u) w / ‖w‖², with m(x) = −1 + softplus(x),
 * sets w·û = m(w·u) > −1; since tanh' lies in (0, 1], 1 + û·ψ = t² + (1 − t²) softplus(w·u) with
 * t = tanh(w·z + b) is a sum of two terms that are not negative and not both zero, so its logarithm is
 * taken without an absolute value. It is computed in that form rather than as 1 + tanh'·m, which
 * cancels to zero in single precision once w·u is below about −17, and stays positive and finite
 * unless w·z + b is exactly 0 while softplus(w·u) underflows (w·u below about −100).
 *
 * <p>u and w start as normal draws of standard deviation 0.01 and b at 0. The flow then starts
 * close to a linear map, not the identity: with w·u near 0, û ≈ m(0) w / ‖w‖², so each step shrinks
 * codes along w by the factor 1 + m(0) = log 2 (only u parallel to w with w·u = log(e − 1), which
 * independent draws cannot give, would start at the identity). The 1e-30 added to ‖w‖² changes no
 * ‖w‖² above 1e-22 even in single precision; it only keeps a w of zero, where û is undefined, from
 * giving 0 / 0.
 */
public final class PlanarFlow implements Flow {
    private static final List<ParamSpec> PARAMETERS = List.of(
            ParamSpec.integer("length", "planar transforms K in the stack", 10, 1, 100));
    private static final double INIT_STD = 0.01;
    private static final double NORM_FLOOR = 1e-30;

    private final int length;

    /** Ten steps, the shortest flow of the paper's MNIST results (its table 2). */
    public PlanarFlow() {
        this(10);
    }

    private PlanarFlow(int length) {
        this.length = length;
    }

    @Override
    public String name() {
        return "planar";
    }

    @Override
    public String description() {
        return "K planar transforms z + u tanh(w.z + b), invertible by construction (Rezende and Mohamed 2015)";
    }

    @Override
    public List<ParamSpec> parameters() {
        return PARAMETERS;
    }

    @Override
    public Flow configure(ParamValues values) {
        return new PlanarFlow(values.integer("length"));
    }

    @Override
    public FlowStep transform(WeightScope weights, SDVariable z, int codeWidth) {
        return StepStack.of(length, z, (in, k) -> step(weights, in, codeWidth, k));
    }

    /** Step k on [N, L] codes; its log-determinant is a column [N, 1]. */
    private static FlowStep step(WeightScope weights, SDVariable z, int width, int k) {
        SameDiff sd = weights.sameDiff();
        SDVariable u = weights.declare(k + ".u", new long[] {width}, Initializer.normal(0, INIT_STD)).reshape(1, width);
        SDVariable w = weights.declare(k + ".w", new long[] {width}, Initializer.normal(0, INIT_STD)).reshape(1, width);
        SDVariable b = weights.declare(k + ".b", new long[] {1}, Initializer.zeros()).reshape(1, 1);
        SDVariable wColumn = w.reshape(width, 1);
        SDVariable wu = u.mmul(wColumn);
        SDVariable softplus = softplus(sd, wu);
        // A product with the reciprocal: ND4J M2.1's gradient of a division by a broadcast [1, 1] is wrong.
        SDVariable uHat = u.add(softplus.sub(1).sub(wu).mul(w).mul(sd.math.reciprocal(w.mmul(wColumn).add(NORM_FLOOR))));
        SDVariable t = sd.math.tanh(z.mmul(wColumn).add(b));
        SDVariable tSquared = sd.math.square(t);
        SDVariable logDet = sd.math.log(tSquared.add(tSquared.rsub(1).mul(softplus)));
        return new FlowStep(z.add(t.mmul(uHat)), logDet);
    }

    /**
     * log(1 + e^x) as max(x, 0) + log(1 + y), y = e^−|x|, which does not overflow, with log(1 + y)
     * written as 2 atanh(y / (2 + y)): ND4J's log1p computes log(1 + y) as it reads, which is 0 in
     * single precision for y below 6e-8, and the log-determinant needs softplus(w·u) to its last digits
     * when w·u is very negative.
     */
    private static SDVariable softplus(SameDiff sd, SDVariable x) {
        SDVariable y = sd.math.exp(sd.math.abs(x).neg());
        return sd.nn.relu(x, 0).add(sd.math.atanh(y.div(y.add(2))).mul(2));
    }
}
