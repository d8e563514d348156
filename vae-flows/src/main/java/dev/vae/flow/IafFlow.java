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
import java.util.Objects;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Inverse autoregressive flow (Kingma et al. 2016, algorithm 1 with its numerically stable update):
 * K steps, each a MADE (Germain et al. 2015) that reads the codes z and a context h of each example
 * from the encoder and gives m and s, then σ = sigmoid(s + 2), z' = σ ⊙ z + (1 − σ) ⊙ m and
 * log |det dz'/dz| = Σ log σ. Since m_d and s_d depend only on the variables before d, the Jacobian is
 * triangular with σ on its diagonal. The order of the variables is reversed from one step to the next
 * (by reversing the masks, which costs nothing), so that every variable is conditioned on every other
 * after two steps.
 *
 * <p>Step k owns {@code k.W} [L, H] (codes to hidden units, masked), {@code k.context} [C, H] (context
 * to hidden units, unmasked), {@code k.b} [H], and {@code k.m.W}, {@code k.s.W} [H, L] (masked) with
 * {@code k.m.b}, {@code k.s.b} [L]. The masks are constants of the graph, not weights: masked-out
 * entries of the kernels are weights that receive no gradient.
 *
 * <p>The MADE has one hidden layer of tanh units: the stack of K steps already composes nonlinear maps,
 * one masked layer keeps a step at three matrix products, and tanh, unlike a ReLU, is smooth, so that
 * the Jacobian and gradient checks by central differences hold everywhere. The forget-gate bias is +2,
 * the larger of the paper's suggestions: σ starts near sigmoid(2) = 0.88, so each step keeps most of
 * z and starts close to the identity while its gate's gradient, σ(1 − σ) = 0.10, is still half its
 * largest; with +1 two steps would already shrink the draws to about half their spread.
 */
public final class IafFlow implements Flow {
    private static final List<ParamSpec> PARAMETERS = List.of(
            ParamSpec.integer("length", "IAF steps K in the stack", 2, 1, 100),
            ParamSpec.integer("hidden", "hidden units of each step's MADE", 64, 1, 65_536),
            ParamSpec.integer("context", "columns of context h each example's encoder output adds", 16, 1, 4096));
    private static final double FORGET_BIAS = 2;

    private final int length;
    private final int hidden;
    private final int context;

    /** Two steps of 64 hidden units with a context of 16. */
    public IafFlow() {
        this(2, 64, 16);
    }

    private IafFlow(int length, int hidden, int context) {
        this.length = length;
        this.hidden = hidden;
        this.context = context;
    }

    @Override
    public String name() {
        return "iaf";
    }

    @Override
    public String description() {
        return "inverse autoregressive flow: K MADE steps z' = sigma z + (1 - sigma) m given a context from the "
                + "encoder (Kingma et al. 2016)";
    }

    @Override
    public List<ParamSpec> parameters() {
        return PARAMETERS;
    }

    @Override
    public Flow configure(ParamValues values) {
        return new IafFlow(values.integer("length"), values.integer("hidden"), values.integer("context"));
    }

    @Override
    public int contextWidth(int codeWidth) {
        return context;
    }

    /** @throws IllegalStateException always: each step reads the context of its example */
    @Override
    public FlowStep transform(WeightScope weights, SDVariable z, int codeWidth) {
        throw new IllegalStateException("flow iaf needs its context from the encoder: call transform(weights, z, "
                + "context, codeWidth) with a context of contextWidth(codeWidth) = " + context + " columns");
    }

    @Override
    public FlowStep transform(WeightScope weights, SDVariable z, SDVariable context, int codeWidth) {
        Objects.requireNonNull(context, "flow iaf needs a context of " + this.context + " columns");
        return StepStack.of(length, z, (in, k) -> step(weights, in, context, codeWidth, k));
    }

    /** Step k on [N, L] codes, in reversed order for odd k; its log-determinant is [N]. */
    private FlowStep step(WeightScope weights, SDVariable z, SDVariable h, int width, int k) {
        SameDiff sd = weights.sameDiff();
        boolean reversed = k % 2 == 1;
        Initializer first = Initializer.fanInUniform((long) width + context);
        SDVariable kernel = weights.declare(k + ".W", new long[] {width, hidden}, first)
                .mul(mask(sd, z, MadeMasks.input(width, hidden, reversed)));
        SDVariable contextKernel = weights.declare(k + ".context", new long[] {context, hidden}, first);
        SDVariable bias = weights.declare(k + ".b", new long[] {hidden}, Initializer.zeros());
        SDVariable units = sd.math.tanh(z.mmul(kernel).add(h.mmul(contextKernel)).add(bias));
        SDVariable outputMask = mask(sd, z, MadeMasks.output(width, hidden, reversed));
        SDVariable m = output(weights, units, outputMask, k + ".m", width);
        SDVariable s = output(weights, units, outputMask, k + ".s", width).add(FORGET_BIAS);
        SDVariable sigma = sd.nn.sigmoid(s);
        SDVariable logDet = Reductions.sum(Softplus.logSigmoid(sd, s), 1, width);
        return new FlowStep(m.add(sigma.mul(z.sub(m))), logDet);
    }

    /** One of the MADE's outputs, [N, L], from its hidden units through a masked kernel. */
    private SDVariable output(WeightScope weights, SDVariable units, SDVariable mask, String name, int width) {
        SDVariable kernel = weights.declare(name + ".W", new long[] {hidden, width}, Initializer.fanInUniform(hidden));
        SDVariable bias = weights.declare(name + ".b", new long[] {width}, Initializer.zeros());
        return units.mmul(kernel.mul(mask)).add(bias);
    }

    private static SDVariable mask(SameDiff sd, SDVariable like, double[][] values) {
        return sd.constant(Nd4j.createFromArray(values).castTo(like.dataType()));
    }
}
