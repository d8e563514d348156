package dev.vae.network;

import dev.vae.api.FeatureShape;
import dev.vae.api.Initializer;
import dev.vae.api.ParamSpec;
import dev.vae.api.ParamValues;
import dev.vae.api.WeightScope;
import dev.vae.api.spi.Network;
import java.util.List;
import org.nd4j.autodiff.samediff.SDVariable;

/**
 * A stack of dense layers, the activation after each but the last: the tutorial's networks. Images are
 * read as vectors of their pixels. Layer I owns the weights {@code I.W} [in, out] and {@code I.b}
 * [out], declared in order, kernel first.
 */
public final class MlpNetwork implements Network {
    private static final List<ParamSpec> PARAMETERS = List.of(
            ParamSpec.integers("hidden", "widths of the hidden layers, input side first", List.of(256), 1, 65_536),
            ParamSpec.choice("activation", "nonlinearity after each hidden layer", Activation.ids()),
            ParamSpec.choice("init", "fan-in-uniform (PyTorch's nn.Linear) or glorot-uniform (Keras' Dense, zero bias)",
                    List.of("fan-in-uniform", "glorot-uniform")));

    private final List<Integer> hidden;
    private final Activation activation;
    private final boolean glorot;

    /** One hidden layer of 256 ReLU units, PyTorch's initialization. */
    public MlpNetwork() {
        this(List.of(256), Activation.RELU, false);
    }

    private MlpNetwork(List<Integer> hidden, Activation activation, boolean glorot) {
        this.hidden = List.copyOf(hidden);
        this.activation = activation;
        this.glorot = glorot;
    }

    @Override
    public String name() {
        return "mlp";
    }

    @Override
    public String description() {
        return "dense layers with a nonlinearity between them; images are read as vectors";
    }

    @Override
    public List<ParamSpec> parameters() {
        return PARAMETERS;
    }

    @Override
    public Network configure(ParamValues values) {
        return new MlpNetwork(values.integers("hidden"), Activation.parse(values.choice("activation")),
                values.choice("init").equals("glorot-uniform"));
    }

    @Override
    public SDVariable forward(WeightScope weights, SDVariable in, FeatureShape inShape, FeatureShape outShape) {
        SDVariable h = in;
        int layers = hidden.size() + 1;
        for (int i = 0; i < layers; i++) {
            int fanIn = i == 0 ? inShape.size() : hidden.get(i - 1);
            int fanOut = i == hidden.size() ? outShape.size() : hidden.get(i);
            SDVariable kernel = weights.declare(i + ".W", new long[] {fanIn, fanOut},
                    glorot ? Initializer.glorotUniform(fanIn, fanOut) : Initializer.fanInUniform(fanIn));
            SDVariable bias = weights.declare(i + ".b", new long[] {fanOut},
                    glorot ? Initializer.zeros() : Initializer.fanInUniform(fanIn));
            h = h.mmul(kernel).add(bias);
            if (i < layers - 1) {
                h = activation.apply(weights.sameDiff(), h);
            }
        }
        return h;
    }
}
