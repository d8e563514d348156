package dev.vae.api.support;

import dev.vae.api.LatentLayout;
import dev.vae.api.ParamValues;
import dev.vae.api.spi.NoiseSampler;
import org.nd4j.autodiff.samediff.SDIndex;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * A base for location-scale families without parameters of their own: the encoder gives a location
 * and a logarithmic scale parameter per latent variable, in that order (the log-variance for the
 * normal family, the log of the scale for the Laplace), and there is one noise value and one code
 * value per variable. A {@link dev.vae.api.spi.ClosedFormKl} of such a family reads the encoder's
 * output with the same static methods.
 */
public abstract class LocationScaleFamily implements NoiseSampler {

    @Override
    public NoiseSampler configure(ParamValues values) {
        return this;
    }

    @Override
    public final LatentLayout layout(int latentDim) {
        return new LatentLayout(2 * latentDim, latentDim, latentDim);
    }

    /** The locations, [B, L], from encoder outputs in the graph. */
    public static SDVariable location(SDVariable encoderOut, int latentDim) {
        return encoderOut.get(SDIndex.all(), SDIndex.interval(0, latentDim));
    }

    /** The logarithmic scale parameters, [B, L], from encoder outputs in the graph. */
    public static SDVariable logScale(SDVariable encoderOut, int latentDim) {
        return encoderOut.get(SDIndex.all(), SDIndex.interval(latentDim, 2 * latentDim));
    }

    /** A copy of the locations, [B, L]. */
    public static INDArray location(INDArray encoderOut, int latentDim) {
        return encoderOut.get(NDArrayIndex.all(), NDArrayIndex.interval(0, latentDim)).dup();
    }

    /** A view of the logarithmic scale parameters, [B, L]. */
    public static INDArray logScale(INDArray encoderOut, int latentDim) {
        return encoderOut.get(NDArrayIndex.all(), NDArrayIndex.interval(latentDim, 2 * latentDim));
    }
}
