package dev.vae.flow;

import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;

/** softplus(x) = log(1 + e^x) in a form that neither overflows nor loses the digits of small values. */
final class Softplus {
    private Softplus() {
    }

    /**
     * log(1 + e^x) as max(x, 0) + log(1 + y), y = e^−|x|, which does not overflow, with log(1 + y)
     * written as 2 atanh(y / (2 + y)): ND4J's log1p computes log(1 + y) as it reads, which is 0 in
     * single precision for y below 6e-8, and the flows' log-determinants need softplus to its last
     * digits where x is very negative.
     */
    static SDVariable of(SameDiff sd, SDVariable x) {
        SDVariable y = sd.math.exp(sd.math.abs(x).neg());
        return sd.nn.relu(x, 0).add(sd.math.atanh(y.div(y.add(2))).mul(2));
    }

    /** log sigmoid(x) = −softplus(−x), which is never the log of a sigmoid that underflowed to 0. */
    static SDVariable logSigmoid(SameDiff sd, SDVariable x) {
        return of(sd, x.neg()).neg();
    }
}
