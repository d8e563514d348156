package dev.vae.testkit;

import dev.vae.api.FeatureShape;
import dev.vae.api.InferenceNetwork;
import dev.vae.api.WeightScope;
import dev.vae.api.support.Densities;
import dev.vae.api.support.Reductions;
import org.nd4j.autodiff.samediff.SDIndex;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.random.impl.GaussianDistribution;
import org.nd4j.linalg.api.rng.Random;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * An {@link InferenceNetwork} for the tests of a prior built from the encoder: a linear encoder
 * x W + b whose first L columns are the means and last L the log-variances of a diagonal Gaussian
 * q(z|x), so that a test computes q(z|u) by hand. In the graph its weights are declared in the scope
 * given to {@link #in}, as {@code encoder.W} [D, 2L] and {@code encoder.b} [2L], starting at the
 * given values: with {@link TestWeights} they are those values, with {@link InputWeights} the
 * {@link GradientCheck} inputs of those names, whose gradients the check then compares. Draws use the
 * given values.
 *
 * <pre>
 * TestInference encoder = TestInference.of(kernel, bias);       // [D, 2L], [2L]
 * SDVariable logP = prior.logDensity(weights, z, layout, Optional.empty(), encoder.in(weights));
 * </pre>
 */
public final class TestInference implements InferenceNetwork {
    private final INDArray kernel;
    private final INDArray bias;
    private final WeightScope scope;

    private TestInference(INDArray kernel, INDArray bias, WeightScope scope) {
        this.kernel = kernel;
        this.bias = bias;
        this.scope = scope;
    }

    /**
     * A linear-Gaussian encoder of D inputs and L variables.
     *
     * @param kernel W, shape [D, 2L]
     * @param bias b, shape [2L]
     */
    public static TestInference of(INDArray kernel, INDArray bias) {
        if (kernel.rank() != 2 || kernel.columns() % 2 != 0 || bias.rank() != 1 || bias.length() != kernel.columns()) {
            throw new IllegalArgumentException("need W [D, 2L] and b [2L]");
        }
        return new TestInference(kernel.castTo(DataType.DOUBLE).dup(), bias.castTo(DataType.DOUBLE).dup(), null);
    }

    /** The same encoder, declaring its weights in {@code weights}, whose graph {@link #logPosterior} builds into. */
    public TestInference in(WeightScope weights) {
        return new TestInference(kernel, bias, weights);
    }

    private int latentDim() {
        return (int) kernel.columns() / 2;
    }

    @Override
    public FeatureShape dataShape() {
        return FeatureShape.vector((int) kernel.rows());
    }

    @Override
    public SDVariable logPosterior(SDVariable x, SDVariable z) {
        if (scope == null) {
            throw new IllegalStateException("give the scope of the graph with in(weights) first");
        }
        int l = latentDim();
        SDVariable w = scope.declare("encoder.W", kernel.shape(), (array, rng) -> array.assign(kernel));
        SDVariable b = scope.declare("encoder.b", bias.shape(), (array, rng) -> array.assign(bias));
        SDVariable out = x.mmul(w).add(b);
        SDVariable mean = out.get(SDIndex.all(), SDIndex.interval(0, l)).reshape(1, -1, l);
        SDVariable logVariance = out.get(SDIndex.all(), SDIndex.interval(l, 2 * l)).reshape(1, -1, l);
        return Reductions.sum(Densities.normal(scope.sameDiff(), z.reshape(-1, 1, l), mean, logVariance), 2, l);
    }

    @Override
    public INDArray draw(INDArray x, Random rng) {
        int l = latentDim();
        INDArray out = x.castTo(DataType.DOUBLE).mmul(kernel).addiRowVector(bias);
        INDArray z = Nd4j.create(DataType.DOUBLE, x.rows(), l);
        Nd4j.getExecutioner().exec(new GaussianDistribution(z, 0.0, 1.0), rng);
        INDArray scale = Transforms.exp(out.get(NDArrayIndex.all(), NDArrayIndex.interval(l, 2 * l)).mul(0.5), false);
        return z.muli(scale).addi(out.get(NDArrayIndex.all(), NDArrayIndex.interval(0, l)));
    }
}
