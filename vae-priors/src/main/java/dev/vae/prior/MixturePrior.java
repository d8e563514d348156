package dev.vae.prior;

import dev.vae.api.Initializer;
import dev.vae.api.LatentLayout;
import dev.vae.api.ParamSpec;
import dev.vae.api.ParamValues;
import dev.vae.api.Relaxation;
import dev.vae.api.WeightScope;
import dev.vae.api.WeightValues;
import dev.vae.api.spi.Prior;
import dev.vae.api.support.Densities;
import dev.vae.api.support.Reductions;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.random.impl.GaussianDistribution;
import org.nd4j.linalg.api.ops.random.impl.UniformDistribution;
import org.nd4j.linalg.api.rng.Random;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * A learned mixture of M diagonal Gaussians over real codes,
 * p(z) = sum_m softmax(logits)_m N(z; mu_m, diag exp(log_variances_m)), trained with the model as a
 * richer prior than N(0, I) (the mixture-of-Gaussians prior Tomczak and Welling 2018 compare their
 * VampPrior with; the VampPrior's components come from the encoder instead). It owns
 * the weights {@code means} [M, L], {@code log_variances} [M, L] and {@code logits} [M]; the means start
 * as normal draws of standard deviation {@code init_spread}, so that the components differ and receive
 * different gradients, the variances at 1 and the weights equal. The log-density is a log-sum-exp over
 * the components, shifted by their maximum, so that codes far from every component stay finite.
 */
public final class MixturePrior implements Prior {
    private static final List<ParamSpec> PARAMETERS = List.of(
            ParamSpec.integer("components", "Gaussians M in the mixture", 10, 1, 1000),
            ParamSpec.real("init_spread", "standard deviation of the initial means", 1, 1e-3, 100));

    private final int components;
    private final double initSpread;

    /** Ten components whose means start as standard normal draws. */
    public MixturePrior() {
        this(10, 1);
    }

    private MixturePrior(int components, double initSpread) {
        this.components = components;
        this.initSpread = initSpread;
    }

    @Override
    public String name() {
        return "mixture";
    }

    @Override
    public String description() {
        return "learned mixture of diagonal Gaussians over real codes; means, variances and weights are trained";
    }

    @Override
    public List<ParamSpec> parameters() {
        return PARAMETERS;
    }

    @Override
    public Prior configure(ParamValues values) {
        return new MixturePrior(values.integer("components"), values.real("init_spread"));
    }

    @Override
    public SDVariable logDensity(WeightScope weights, SDVariable z, LatentLayout layout, Optional<Relaxation> relaxation) {
        if (relaxation.isPresent()) {
            throw new IllegalArgumentException("prior mixture is over real codes, but the sampler draws relaxed "
                    + "categoricals; choose --prior uniform-categorical");
        }
        SameDiff sd = weights.sameDiff();
        int width = layout.codeWidth();
        SDVariable means = weights.declare("means", new long[] {components, width}, Initializer.normal(0, initSpread));
        SDVariable logVariances = weights.declare("log_variances", new long[] {components, width}, Initializer.zeros());
        SDVariable logits = weights.declare("logits", new long[] {components}, Initializer.zeros());
        SDVariable perComponent = Densities.normal(sd, z.reshape(-1, 1, width), means.reshape(1, components, width),
                logVariances.reshape(1, components, width));
        SDVariable logitRow = logits.reshape(1, components);
        SDVariable logMixtureWeights = logitRow.sub(logSumExp(sd, logitRow));
        SDVariable joint = Reductions.sum(perComponent, 2, width).add(logMixtureWeights);
        return logSumExp(sd, joint).reshape(-1);
    }

    /** log sum_m exp(x_m) of each row of [rows, M], as [rows, 1]; over one component, the component itself. */
    private SDVariable logSumExp(SameDiff sd, SDVariable x) {
        // One column would be the size-1 reduction that fails in ND4J M2.1 (see Reductions).
        return components == 1 ? x : Densities.logSumExp(sd, x);
    }

    /** A component by its weight for each row, drawn with {@code rng}, then a Gaussian draw from it. */
    @Override
    public void sample(INDArray z, LatentLayout layout, WeightValues weights, Random rng) {
        INDArray u = Nd4j.create(z.dataType(), z.rows());
        Nd4j.getExecutioner().exec(new UniformDistribution(u, 0.0, 1.0), rng);
        double[] cumulative = cumulativeWeights(weights.get("logits").toDoubleVector());
        int[] chosen = new int[(int) z.rows()];
        for (int i = 0; i < chosen.length; i++) {
            chosen[i] = component(cumulative, u.getDouble(i));
        }
        INDArray means = weights.get("means").castTo(z.dataType()).getRows(chosen);
        INDArray scales = Transforms.exp(weights.get("log_variances").castTo(z.dataType()).mul(0.5), false).getRows(chosen);
        Nd4j.getExecutioner().exec(new GaussianDistribution(z, 0.0, 1.0), rng);
        z.muli(scales).addi(means);
    }

    /** The running sums of softmax(logits), computed from the largest logit so that nothing overflows. */
    private static double[] cumulativeWeights(double[] logits) {
        double max = Arrays.stream(logits).max().orElseThrow();
        double[] cumulative = new double[logits.length];
        double total = 0;
        for (int m = 0; m < logits.length; m++) {
            total += Math.exp(logits[m] - max);
            cumulative[m] = total;
        }
        for (int m = 0; m < logits.length; m++) {
            cumulative[m] /= total;
        }
        return cumulative;
    }

    /** The first component whose running sum exceeds u; the last for a u that rounding left above every sum. */
    private static int component(double[] cumulative, double u) {
        for (int m = 0; m < cumulative.length - 1; m++) {
            if (u < cumulative[m]) {
                return m;
            }
        }
        return cumulative.length - 1;
    }
}
