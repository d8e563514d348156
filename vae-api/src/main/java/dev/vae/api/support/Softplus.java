package dev.vae.api.support;

import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;

/** softplus(x) = log(1 + e^x) in a form that neither overflows nor loses the digits of small values. */
public final class Softplus {
    private Softplus() {
    }

    /**
     * log(1 + e^x) as max(x, 0) + log(1 + y), y = e^−|x|, which does not overflow, with log(1 + y)
     * written as 2 atanh(y / (2 + y)): ND4J's log1p computes log(1 + y) as it reads, which is 0 in
     * single precision for y below 6e-8, and the flows' log-determinants need softplus to its last
     * digits where x is very negative. max(x, 0) is written (x + |x|) / 2, which has its value to the
     * bit: ND4J differentiates relu and |x| at 0 as 0, which would make softplus'(0) 0 where it is 1/2,
     * and the radial flow's raw weights start at 0.
     */
    public static SDVariable of(SameDiff sd, SDVariable x) {
        SDVariable abs = sd.math.abs(x);
        SDVariable y = sd.math.exp(abs.neg());
        return x.add(abs).mul(0.5).add(sd.math.atanh(y.div(y.add(2))).mul(2));
    }

    /** log sigmoid(x) = −softplus(−x), which is never the log of a sigmoid that underflowed to 0. */
    public static SDVariable logSigmoid(SameDiff sd, SDVariable x) {
        return of(sd, x.neg()).neg();
    }
}
