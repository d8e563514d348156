package dev.vae.sampler;

import dev.vae.api.LatentLayout;
import dev.vae.api.ParamValues;
import dev.vae.api.spi.NoiseSampler;
import org.nd4j.autodiff.samediff.SDIndex;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.random.impl.GaussianDistribution;
import org.nd4j.linalg.api.rng.Random;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * What the location-scale families share: the encoder gives a location and a logarithmic scale
 * parameter per latent variable, in that order (the log-variance for the normal family, the log of
 * the scale b for the Laplace), one noise value per variable, and a N(0, I) prior.
 */
abstract class LocationScaleSampler implements NoiseSampler {

    @Override
    public final NoiseSampler configure(ParamValues values) {
        return this;
    }

    @Override
    public final LatentLayout layout(int latentDim) {
        return new LatentLayout(2 * latentDim, latentDim, latentDim);
    }

    @Override
    public final void samplePrior(INDArray z, Random rng) {
        Nd4j.getExecutioner().exec(new GaussianDistribution(z, 0.0, 1.0), rng);
    }

    /** The locations, [B, L], from encoder outputs in the graph. */
    static SDVariable location(SDVariable encoderOut, int latentDim) {
        return encoderOut.get(SDIndex.all(), SDIndex.interval(0, latentDim));
    }

    /** The logarithmic scale parameters, [B, L], from encoder outputs in the graph. */
    static SDVariable logScale(SDVariable encoderOut, int latentDim) {
        return encoderOut.get(SDIndex.all(), SDIndex.interval(latentDim, 2 * latentDim));
    }

    /** A copy of the locations, [B, L]. */
    static INDArray location(INDArray encoderOut, int latentDim) {
        return encoderOut.get(NDArrayIndex.all(), NDArrayIndex.interval(0, latentDim)).dup();
    }

    /** A view of the logarithmic scale parameters, [B, L]. */
    static INDArray logScale(INDArray encoderOut, int latentDim) {
        return encoderOut.get(NDArrayIndex.all(), NDArrayIndex.interval(latentDim, 2 * latentDim));
    }
}
