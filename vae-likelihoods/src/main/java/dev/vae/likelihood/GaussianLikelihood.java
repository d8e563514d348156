package dev.vae.likelihood;

import dev.vae.api.ParamSpec;
import dev.vae.api.ParamValues;
import dev.vae.api.spi.Likelihood;
import dev.vae.api.support.Reductions;
import java.util.List;
import org.nd4j.autodiff.samediff.SDIndex;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * Independent Gaussians per dimension for continuous data:
 * log p(x|z) = -1/2 sum_d [log(2 pi var_d) + (x_d - mu_d)^2 / var_d].
 *
 * <p>By default the decoder outputs a mean and a log-variance per dimension (columns [0, D) and
 * [D, 2D)), and var = exp(log-variance) + {@code min_variance}: without that floor a decoder can
 * shrink the variance of pixels that are always 0 towards zero and drive the likelihood to infinity.
 * With {@code fixed_variance} above 0 the decoder outputs only means and every dimension has that
 * variance, which makes the loss a scaled squared error.
 */
public final class GaussianLikelihood implements Likelihood {
    private static final double LOG_TWO_PI = Math.log(2 * Math.PI);
    private static final List<ParamSpec> PARAMETERS = List.of(
            ParamSpec.real("fixed_variance", "shared variance of every dimension; 0 learns one per dimension",
                    0, 0, 1e6),
            ParamSpec.real("min_variance", "floor added to learned variances", 1e-3, 1e-9, 1e3));

    private final double fixedVariance;
    private final double minVariance;

    /** Learned variances with the default floor. */
    public GaussianLikelihood() {
        this(0, 1e-3);
    }

    private GaussianLikelihood(double fixedVariance, double minVariance) {
        this.fixedVariance = fixedVariance;
        this.minVariance = minVariance;
    }

    @Override
    public String name() {
        return "gaussian";
    }

    @Override
    public String description() {
        return "independent Gaussian per dimension, learned or fixed variance, for real-valued data";
    }

    @Override
    public List<ParamSpec> parameters() {
        return PARAMETERS;
    }

    @Override
    public Likelihood configure(ParamValues values) {
        return new GaussianLikelihood(values.real("fixed_variance"), values.real("min_variance"));
    }

    @Override
    public int outputsPerDimension() {
        return fixedVariance > 0 ? 1 : 2;
    }

    @Override
    public SDVariable logProb(SameDiff sd, SDVariable x, SDVariable decoderOut, int d) {
        if (fixedVariance > 0) {
            SDVariable squared = sd.math.squaredDifference(x, decoderOut).mul(-0.5 / fixedVariance);
            return Reductions.sum(squared.sub(0.5 * (LOG_TWO_PI + Math.log(fixedVariance))), 1, d);
        }
        SDVariable mean = decoderOut.get(SDIndex.all(), SDIndex.interval(0, d));
        SDVariable variance = sd.math.exp(decoderOut.get(SDIndex.all(), SDIndex.interval(d, 2 * d))).add(minVariance);
        SDVariable perDimension = sd.math.log(variance).add(LOG_TWO_PI).add(sd.math.squaredDifference(x, mean).div(variance));
        return Reductions.sum(perDimension, 1, d).mul(-0.5);
    }

    @Override
    public INDArray mean(INDArray decoderOut) {
        long d = decoderOut.columns() / outputsPerDimension();
        return decoderOut.get(NDArrayIndex.all(), NDArrayIndex.interval(0, d)).dup();
    }
}
