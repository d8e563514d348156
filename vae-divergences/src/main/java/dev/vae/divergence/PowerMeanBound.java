package dev.vae.divergence;

import dev.vae.api.LogWeights;
import dev.vae.api.support.Reductions;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;

/**
 * The bounds of the form (1/p) log mean_k w_k^p over the K samples of each example, which the Renyi
 * (p = 1 - alpha) and chi (p = n) divergences share. Computed in log space with the maximum over
 * samples taken out, so that w^p neither overflows nor underflows.
 */
final class PowerMeanBound {

    private PowerMeanBound() {
    }

    /** (1/p) log mean_k exp(p log w_k), shape [B]. */
    static SDVariable of(SameDiff sd, LogWeights weights, double power) {
        SDVariable scaled = weights.logWeights().mul(power);
        return logMeanExp(sd, scaled, weights.samples()).div(power);
    }

    /** log mean_k exp(x_k) over axis 0 of [K, B], shape [B]. */
    static SDVariable logMeanExp(SameDiff sd, SDVariable x, int samples) {
        if (samples == 1) {
            return Reductions.mean(x, 0, 1);
        }
        SDVariable max = x.max(true, 0);
        SDVariable sum = sd.math.exp(x.sub(max)).sum(true, 0);
        return Reductions.mean(max.add(sd.math.log(sum)), 0, 1).sub(Math.log(samples));
    }
}
