package dev.vae.likelihood;

import dev.vae.api.ParamValues;
import dev.vae.api.ValueRange;
import dev.vae.api.spi.Likelihood;
import dev.vae.api.support.Reductions;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * Independent Bernoulli pixels, parameterized by logits l: log p(x|z) = sum_d x_d l_d - softplus(l_d).
 *
 * <p>Computed from the logits, never as the log of a sigmoid, which underflows to -inf once a logit
 * passes about -100 in single precision. softplus is written as max(l, 0) + log1p(exp(-|l|)), which
 * neither overflows for large l nor loses precision for small ones. Data in [0, 1] that are not 0 or
 * 1 give the cross-entropy form the tutorial trains with, which is not a normalized density.
 */
public final class BernoulliLikelihood implements Likelihood {

    @Override
    public String name() {
        return "bernoulli";
    }

    @Override
    public String description() {
        return "independent Bernoulli per dimension from logits, for data in [0, 1]";
    }

    @Override
    public Likelihood configure(ParamValues values) {
        return this;
    }

    @Override
    public int outputsPerDimension() {
        return 1;
    }

    @Override
    public SDVariable logProb(SameDiff sd, SDVariable x, SDVariable logits, int dimension) {
        SDVariable softplus = sd.nn.relu(logits, 0).add(sd.math.log1p(sd.math.exp(sd.math.abs(logits).neg())));
        return Reductions.sum(x.mul(logits).sub(softplus), 1, dimension);
    }

    @Override
    public INDArray mean(INDArray logits) {
        return Transforms.sigmoid(logits, true);
    }

    @Override
    public ValueRange support() {
        return new ValueRange(0, 1);
    }
}
