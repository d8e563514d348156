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
import org.nd4j.autodiff.samediff.SDIndex;
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
 *
 * <p>With {@code params=amortized}, as in Rezende and Mohamed's experiments, each image has its own
 * transform: u, w and b of every step are columns of the encoder's output (its context, L + L + 1
 * per step, in that order), so the flow owns no weights and reshapes each posterior its own way,
 * with the same constraint and log-determinant row by row.
 */
public final class PlanarFlow implements Flow {
    private static final String AMORTIZED = "amortized";
    private static final List<ParamSpec> PARAMETERS = List.of(
            ParamSpec.integer("length", "planar transforms K in the stack", 10, 1, 100),
            ParamSpec.choice("params", "global: u, w, b are the flow's weights, one transform for every image; "
                    + "amortized: the encoder gives each image its own", List.of("global", AMORTIZED)));
    private static final double INIT_STD = 0.01;
    private static final double NORM_FLOOR = 1e-30;

    private final int length;
    private final boolean amortized;

    /** Ten steps, the shortest flow of the paper's MNIST results (its table 2), with global weights. */
    public PlanarFlow() {
        this(10, false);
    }

    private PlanarFlow(int length, boolean amortized) {
        this.length = length;
        this.amortized = amortized;
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
        return new PlanarFlow(values.integer("length"), values.choice("params").equals(AMORTIZED));
    }

    @Override
    public int contextWidth(int codeWidth) {
        return amortized ? Math.multiplyExact(length, 2 * codeWidth + 1) : 0;
    }

    @Override
    public FlowStep transform(WeightScope weights, SDVariable z, int codeWidth) {
        return StepStack.of(length, z, (in, k) -> step(weights, in, codeWidth, k));
    }

    @Override
    public FlowStep transform(WeightScope weights, SDVariable z, SDVariable context, int codeWidth) {
        if (!amortized) {
            return transform(weights, z, codeWidth);
        }
        int perStep = 2 * codeWidth + 1;
        return StepStack.of(length, z, (in, k) -> amortizedStep(weights.sameDiff(), in,
                context.get(SDIndex.all(), SDIndex.interval(k * perStep, (k + 1) * perStep)), codeWidth));
    }

    /** A step whose u, w and b are the columns of one step's context [N, 2L + 1], row by row. */
    private static FlowStep amortizedStep(SameDiff sd, SDVariable z, SDVariable params, int width) {
        SDVariable u = params.get(SDIndex.all(), SDIndex.interval(0, width));
        SDVariable w = params.get(SDIndex.all(), SDIndex.interval(width, 2 * width));
        SDVariable b = params.get(SDIndex.all(), SDIndex.interval(2 * width, 2 * width + 1));
        SDVariable wu = rowSums(u.mul(w), width);
        SDVariable softplus = Softplus.of(sd, wu);
        SDVariable uHat = u.add(softplus.sub(1).sub(wu).mul(w).mul(sd.math.reciprocal(rowSums(w.mul(w), width)
                .add(NORM_FLOOR))));
        SDVariable t = sd.math.tanh(rowSums(z.mul(w), width).add(b));
        SDVariable tSquared = sd.math.square(t);
        SDVariable logDet = sd.math.log(tSquared.add(tSquared.rsub(1).mul(softplus)));
        return new FlowStep(z.add(t.mul(uHat)), logDet);
    }

    /** The sum of each row of [N, width], as a column [N, 1]. */
    private static SDVariable rowSums(SDVariable x, int width) {
        return Reductions.sum(x, 1, width).reshape(-1, 1);
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
