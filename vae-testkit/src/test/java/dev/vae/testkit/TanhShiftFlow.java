package dev.vae.testkit;

import dev.vae.api.FlowStep;
import dev.vae.api.Initializer;
import dev.vae.api.ParamValues;
import dev.vae.api.WeightScope;
import dev.vae.api.spi.Flow;
import dev.vae.api.support.Reductions;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;

/**
 * f(z) = z + a tanh(z) in each dimension, with a learned {@code a} [1] starting at 0.5: invertible for
 * a > −1, with log |det| = sum_j log |1 + a (1 − tanh² z_j)|. Its log-determinant can leave out the
 * derivative of tanh, log |1 + a| per dimension, as a faulty plugin's would.
 */
final class TanhShiftFlow implements Flow {
    private final boolean rightDerivative;

    TanhShiftFlow(boolean rightDerivative) {
        this.rightDerivative = rightDerivative;
    }

    @Override
    public String name() {
        return "tanh-shift";
    }

    @Override
    public String description() {
        return "z + a tanh(z)";
    }

    @Override
    public Flow configure(ParamValues values) {
        return this;
    }

    @Override
    public FlowStep transform(WeightScope weights, SDVariable z, int codeWidth) {
        SameDiff sd = weights.sameDiff();
        SDVariable a = weights.declare("a", new long[] {1}, Initializer.constant(0.5));
        SDVariable t = sd.math.tanh(z);
        SDVariable slope = rightDerivative ? sd.math.square(t).rsub(1).mul(a).add(1) : sd.zerosLike(z).add(a).add(1);
        SDVariable logDet = Reductions.sum(sd.math.log(sd.math.abs(slope)), 1, codeWidth);
        return new FlowStep(z.add(t.mul(a)), logDet);
    }
}
