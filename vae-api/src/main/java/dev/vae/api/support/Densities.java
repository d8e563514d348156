package dev.vae.api.support;

import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;

/** Log-densities that families and priors share, written with graph operations whose gradients ND4J has. */
public final class Densities {
    /** log sqrt(2 pi). */
    public static final double HALF_LOG_TWO_PI = 0.5 * Math.log(2 * Math.PI);

    private Densities() {
    }

    /** log N(x; 0, 1) of each element. */
    public static SDVariable standardNormal(SameDiff sd, SDVariable x) {
        return sd.math.square(x).mul(-0.5).sub(HALF_LOG_TWO_PI);
    }

    /** log N(x; mean, exp(logVariance)) of each element. */
    public static SDVariable normal(SameDiff sd, SDVariable x, SDVariable mean, SDVariable logVariance) {
        SDVariable standardized = x.sub(mean).mul(sd.math.exp(logVariance.mul(-0.5)));
        return standardNormal(sd, standardized).sub(logVariance.mul(0.5));
    }

    /**
     * log sum_c exp(x_c) of each row of a [rows, C] matrix, kept as a column [rows, 1], shifted by the
     * row maximum for stability. Spelled out because the gradient of ND4J's reduce_logsumexp fails on
     * these shapes.
     */
    public static SDVariable logSumExp(SameDiff sd, SDVariable x) {
        SDVariable max = x.max(true, 1);
        return max.add(sd.math.log(sd.math.exp(x.sub(max)).sum(true, 1)));
    }

    /** x - logsumexp(x) of each row. ND4J's log_softmax op cannot be cloned into the gradient graph. */
    public static SDVariable logSoftmax(SameDiff sd, SDVariable x) {
        return x.sub(logSumExp(sd, x));
    }

    /**
     * log p(y) of relaxed one-hot vectors under a Concrete distribution (Maddison et al. 2017, eq. 8):
     * log (C-1)! + (C-1) log tau + sum_c (log alpha_c - (tau+1) log y_c) - C logsumexp_c(log alpha_c - tau log y_c).
     *
     * @param logAlpha normalized log-locations, [rows, C]
     * @param logY log of the relaxed vectors, [rows, C]
     * @param tau the temperature, a scalar
     * @return shape [rows, 1]
     */
    public static SDVariable concrete(SameDiff sd, SDVariable logAlpha, SDVariable logY, SDVariable tau, int categories) {
        SDVariable shifted = logAlpha.sub(logY.mul(tau));
        SDVariable perRow = shifted.sub(logY).sum(true, 1).sub(logSumExp(sd, shifted).mul(categories));
        double logFactorial = 0;
        for (int c = 2; c < categories; c++) {
            logFactorial += Math.log(c);
        }
        return perRow.add(sd.math.log(tau).mul(categories - 1)).add(logFactorial);
    }
}
