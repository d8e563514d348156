package dev.vae.core.graph;

import dev.vae.api.FeatureShape;
import dev.vae.api.InferenceNetwork;
import dev.vae.api.Initializer;
import dev.vae.api.PosteriorDraw;
import dev.vae.api.WeightScope;
import dev.vae.api.WeightValues;
import dev.vae.api.spi.NoiseSampler;
import java.util.HashMap;
import java.util.Map;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.rng.Random;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The model's encoder network and family, before any flow, as a prior built from them sees them: in
 * the graph through the encoder's weights in the scope the graph chose, and outside it through the
 * graph's encoder output and the family's reparameterization with fresh noise.
 */
final class EncoderInference implements InferenceNetwork {
    private final VaeGraph graph;
    private final WeightScope encoderScope;

    EncoderInference(VaeGraph graph, WeightScope encoderScope) {
        this.graph = graph;
        this.encoderScope = encoderScope;
    }

    @Override
    public FeatureShape dataShape() {
        return graph.dataShape();
    }

    @Override
    public SDVariable logPosterior(SDVariable x, SDVariable z) {
        requireOneLayer();
        requireUnconditioned();
        NoiseSampler sampler = graph.components().sampler();
        SDVariable encoderOut = graph.encoder(x, encoderScope);
        try {
            return sampler.logDensity(graph.sameDiff(), z, encoderOut, graph.config().latentDim());
        } catch (UnsupportedOperationException e) {
            throw new IllegalArgumentException("prior " + graph.components().prior().name() + " needs the density of "
                    + "sampler " + sampler.name() + " at given codes, which it does not offer; choose a sampler such as "
                    + "normal or laplace", e);
        }
    }

    /** The family's reparameterization of one noise draw per row, in a graph of its own with the current weights. */
    @Override
    public INDArray draw(INDArray x, Random rng) {
        requireOneLayer();
        requireUnconditioned();
        NoiseSampler sampler = graph.components().sampler();
        INDArray encoded = graph.encode(x);
        INDArray eps = Nd4j.create(graph.dataType(), 1, x.rows(), graph.layout().noiseWidth());
        sampler.sampleNoise(eps, rng);
        SameDiff sd = SameDiff.create();
        PosteriorDraw draw = sampler.reparameterize(fixed(sd, graph.values("sampler")), sd.constant(encoded),
                sd.constant(eps), graph.config().latentDim());
        Map<String, INDArray> feed = new HashMap<>();
        graph.scheduled().forEach((name, value) -> {
            if (sd.hasVariable(name)) {
                feed.put(name, value);
            }
        });
        return sd.output(feed, draw.z().name()).get(draw.z().name()).reshape(x.rows(), graph.layout().codeWidth());
    }

    /**
     * The encoder gives q of the first latent layer; a prior is over the top one, which in a model of
     * more layers the encoder does not reach, so a prior built from it would be over other codes.
     */
    private void requireOneLayer() {
        int layers = graph.config().latentLayers();
        if (layers > 1) {
            throw new IllegalArgumentException("prior " + graph.components().prior().name() + " is built from the "
                    + "encoder, which gives the first latent layer, but the prior is over the top one of " + layers
                    + "; choose a prior such as mixture, or one latent layer");
        }
    }

    /**
     * A conditional model's encoder reads a condition with each input, and a prior built from it is
     * over inputs alone, with no condition to give.
     */
    private void requireUnconditioned() {
        if (graph.config().condition().present()) {
            throw new IllegalArgumentException("prior " + graph.components().prior().name() + " is built from the "
                    + "encoder, which in a model conditioned on " + graph.config().condition() + " reads a condition "
                    + "with each input, and the prior's inputs have none; choose a prior such as mixture or standard-normal");
        }
    }

    /** The family's own weights, if it declares any, as constants of their current values. */
    private static WeightScope fixed(SameDiff sd, WeightValues values) {
        return new WeightScope() {
            @Override
            public SameDiff sameDiff() {
                return sd;
            }

            @Override
            public SDVariable declare(String name, long[] shape, Initializer initializer) {
                return sd.hasVariable(name) ? sd.getVariable(name) : sd.constant(name, values.get(name).dup());
            }
        };
    }
}
