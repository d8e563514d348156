package dev.vae.divergence;

import dev.vae.api.support.Densities;
import dev.vae.api.support.Reductions;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;

/**
 * The adaptive contrast of adversarial variational Bayes (Mescheder, Nowozin and Geiger 2017, section
 * 3.3): r(z|x), a diagonal Gaussian with the mean and variance of each example's K codes, so that
 * log q - log p = (log q - log r) + (log r - log p), the second term in closed form and the first
 * left to a discriminator that only has to tell q from a Gaussian of its own moments. It reads the
 * codes normalized, (z - mean) / sd, against N(0, I), which has the same log-ratio. The variance
 * carries {@value #VARIANCE_FLOOR} more, so that r has a density where the K codes agree in a
 * coordinate.
 *
 * @param normalized the codes normalized by their example's moments, [K*B, L]
 * @param logDensity log r(z|x) of each code, summed over the code, [K, B]
 */
record AdaptiveContrast(SDVariable normalized, SDVariable logDensity) {
    static final double VARIANCE_FLOOR = 1e-6;

    /**
     * @param codes [K*B, L], sample-major
     */
    static AdaptiveContrast of(SameDiff sd, SDVariable codes, int samples, int width) {
        SDVariable perExample = codes.reshape(samples, -1, width);
        SDVariable centred = perExample.sub(perExample.mean(true, 0));
        SDVariable logVariance = sd.math.log(centred.mul(centred).mean(true, 0).add(VARIANCE_FLOOR));
        SDVariable normalized = centred.mul(sd.math.exp(logVariance.mul(-0.5)));
        SDVariable logDensity = Reductions.sum(Densities.standardNormal(sd, normalized).sub(logVariance.mul(0.5)), 2, width);
        return new AdaptiveContrast(normalized.reshape(-1, width), logDensity);
    }
}
