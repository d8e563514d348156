package dev.vae.testkit;

import dev.vae.api.ParamValues;
import dev.vae.api.spi.Likelihood;
import dev.vae.api.support.Reductions;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.ndarray.INDArray;

/** N(x; mean, 1) with the decoder's output as the mean, or without its normalizing constant, as a faulty plugin's. */
final class UnitGaussian implements Likelihood {
    private final boolean normalized;

    UnitGaussian(boolean normalized) {
        this.normalized = normalized;
    }

    @Override
    public String name() {
        return "unit";
    }

    @Override
    public String description() {
        return "N(x; mean, 1)";
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
    public SDVariable logProb(SameDiff sd, SDVariable x, SDVariable decoderOut, int dimension) {
        SDVariable kernel = sd.math.square(x.sub(decoderOut)).mul(-0.5);
        return Reductions.sum(normalized ? kernel.sub(0.5 * Math.log(2 * Math.PI)) : kernel, 1, dimension);
    }

    @Override
    public INDArray mean(INDArray decoderOut) {
        return decoderOut.dup();
    }
}
