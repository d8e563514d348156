package dev.vae.prior;

import dev.vae.api.InferenceNetwork;
import dev.vae.api.Initializer;
import dev.vae.api.LatentLayout;
import dev.vae.api.ParamSpec;
import dev.vae.api.ParamValues;
import dev.vae.api.Relaxation;
import dev.vae.api.WeightScope;
import dev.vae.api.WeightValues;
import dev.vae.api.spi.Prior;
import dev.vae.api.support.Densities;
import java.util.List;
import java.util.Optional;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.random.impl.UniformDistribution;
import org.nd4j.linalg.api.rng.Random;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * The VampPrior (Tomczak and Welling 2018): p(z) = (1/K) sum_k q(z | u_k), the mixture of the model's
 * own variational posteriors at K learned pseudo-inputs u_k, each in the data's shape and passed
 * through the model's encoder network with its weights and then the family's density (before any
 * flow). It owns the weight {@code pseudo_inputs} [K, D]; u = sigmoid(pseudo_inputs) keeps the
 * pseudo-inputs in (0, 1), the range of the Bernoulli likelihood's data, with a gradient everywhere
 * (the paper's code uses hardtanh to [0, 1] in its later versions, whose gradient vanishes for good
 * once a value passes a bound), and {@code inputs=linear} uses the weights as they are, for data
 * outside [0, 1] such as standardized columns. The raw weights start as normal draws of mean 0 and
 * standard deviation 0.01: the pseudo-inputs start at the middle of the data's range (0.5 under the
 * sigmoid, the mean of standardized data without it), almost equal, and the spread makes the
 * components differ so that they receive different gradients. The paper's code starts them at
 * N(-0.05, 0.01) on the data's scale by default; under its hardtanh that is 0 with no gradient.
 *
 * <p>The log-density is a log-sum-exp over the components, shifted by their maximum, so that codes
 * far from every component stay finite.
 */
public final class VampPrior implements Prior {
    private static final String SIGMOID = "sigmoid";
    private static final List<ParamSpec> PARAMETERS = List.of(
            ParamSpec.integer("components", "pseudo-inputs K, each a component q(z|u_k) of the mixture", 50, 1, 1000),
            ParamSpec.choice("inputs", "how the pseudo-inputs are read from their weights: sigmoid keeps them in (0, 1), "
                    + "the range of Bernoulli data; linear leaves them unbounded, for standardized data", List.of(SIGMOID, "linear")));

    private final int components;
    private final boolean sigmoid;

    /**
     * Fifty pseudo-inputs kept in (0, 1): about the paper's proportion of pseudo-inputs to training
     * images (500 for 60,000, so 67 for the embedded 8,000) and pythae's default, at a cost of half a
     * batch of 100 more rows through the encoder per step.
     */
    public VampPrior() {
        this(50, true);
    }

    private VampPrior(int components, boolean sigmoid) {
        this.components = components;
        this.sigmoid = sigmoid;
    }

    @Override
    public String name() {
        return "vamp";
    }

    @Override
    public String description() {
        return "VampPrior: mixture of the model's own q(z|u_k) at K learned pseudo-inputs (Tomczak and Welling 2018)";
    }

    @Override
    public List<ParamSpec> parameters() {
        return PARAMETERS;
    }

    @Override
    public Prior configure(ParamValues values) {
        return new VampPrior(values.integer("components"), values.choice("inputs").equals(SIGMOID));
    }

    /** @throws IllegalStateException always: the density is built from the model's inference network */
    @Override
    public SDVariable logDensity(WeightScope weights, SDVariable z, LatentLayout layout, Optional<Relaxation> relaxation) {
        throw new IllegalStateException("prior vamp needs the model's inference network: call the logDensity that takes one");
    }

    /** @throws IllegalStateException always: the draws come from the model's inference network */
    @Override
    public void sample(INDArray z, LatentLayout layout, WeightValues weights, Random rng) {
        throw new IllegalStateException("prior vamp needs the model's inference network: call the sample that takes one");
    }

    @Override
    public SDVariable logDensity(WeightScope weights, SDVariable z, LatentLayout layout, Optional<Relaxation> relaxation,
                                 InferenceNetwork inference) {
        if (relaxation.isPresent()) {
            throw new IllegalArgumentException("prior vamp is over real codes, but the sampler draws relaxed "
                    + "categoricals; choose --prior uniform-categorical");
        }
        SDVariable raw = weights.declare("pseudo_inputs", new long[] {components, inference.dataShape().size()},
                Initializer.normal(0, 0.01));
        SDVariable pseudoInputs = sigmoid ? weights.sameDiff().nn.sigmoid(raw) : raw;
        SDVariable perComponent = inference.logPosterior(pseudoInputs, z);
        SDVariable mixture = components == 1
                // One column would be the size-1 reduction that fails in ND4J M2.1 (see Reductions).
                ? perComponent : Densities.logSumExp(weights.sameDiff(), perComponent);
        return mixture.reshape(-1).sub(Math.log(components));
    }

    /** A pseudo-input drawn uniformly for each row, then a draw of the family's q(z|u) through the encoder. */
    @Override
    public void sample(INDArray z, LatentLayout layout, WeightValues weights, InferenceNetwork inference, Random rng) {
        INDArray u = Nd4j.create(DataType.DOUBLE, z.rows());
        Nd4j.getExecutioner().exec(new UniformDistribution(u, 0.0, 1.0), rng);
        int[] chosen = new int[(int) z.rows()];
        for (int i = 0; i < chosen.length; i++) {
            chosen[i] = Math.min(components - 1, (int) (u.getDouble(i) * components));
        }
        INDArray inputs = weights.get("pseudo_inputs").getRows(chosen);
        z.assign(inference.draw(sigmoid ? Transforms.sigmoid(inputs, true) : inputs, rng).castTo(z.dataType()));
    }
}
