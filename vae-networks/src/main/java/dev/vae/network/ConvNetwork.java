package dev.vae.network;

import dev.vae.api.FeatureShape;
import dev.vae.api.Initializer;
import dev.vae.api.ParamSpec;
import dev.vae.api.ParamValues;
import dev.vae.api.WeightScope;
import dev.vae.api.spi.Network;
import java.util.ArrayList;
import java.util.List;
import org.nd4j.autodiff.samediff.SDIndex;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.enums.WeightsFormat;
import org.nd4j.linalg.api.ops.impl.layers.convolution.config.Conv2DConfig;
import org.nd4j.linalg.api.ops.impl.layers.convolution.config.DeConv2DConfig;
import org.nd4j.linalg.api.ops.impl.layers.convolution.config.PaddingMode;

/**
 * Strided convolutions for image data, as the encoder of the Keras VAE example and DCGAN (Radford et
 * al. 2016) have them, with no pooling: an encoder maps an image to a vector, a decoder a vector to
 * an image. Vectors in and out are for {@code mlp}.
 *
 * <p>As an encoder, {@code layers} convolutions of stride 2 with 'same' padding each halve the
 * feature map, rounding up (28x28, 14x14, 7x7; 5x7, 3x4, 2x2), with {@code channels}, twice as many,
 * and so on, and the activation after each; the last map is flattened and a dense layer, after a
 * hidden one of {@code dense} units if that is positive, gives the outputs.
 *
 * <p>As a decoder it mirrors the encoder of its output image: dense layers and the activation fill
 * that encoder's last map, and transposed convolutions of stride 2 each double it. Where the encoder
 * rounded a size up, the doubled map is one row or column too large and its last row or column is
 * cropped (2x2, 4x4 cropped to 3x4, 6x8 cropped to 5x7), so every level has the encoder's size. The
 * last transposed convolution has one channel per output plane and no activation: its values are the
 * likelihood's parameters.
 *
 * <p>Weights, declared in the order they are applied: the encoder's {@code convI.W} [k, k, in, out]
 * (conv2d's layout) and {@code convI.b} [out], the decoder's {@code deconvI.W} [k, k, out, in]
 * (deconv2d's layout) and {@code deconvI.b} [out], I from 0 on the input side; {@code hidden.W}
 * [in, dense] and {@code hidden.b} when {@code dense} is positive; {@code dense.W} [in, out] and
 * {@code dense.b}. Each is uniform in +-1/sqrt(fanIn), PyTorch's default, with its fan-in: in x k x k
 * for a convolution, and out x k x k for a transposed one, since PyTorch reads it off the second axis
 * of {@code ConvTranspose2d}'s weight [in, out, k, k].
 */
public final class ConvNetwork implements Network {
    private static final List<ParamSpec> PARAMETERS = List.of(
            ParamSpec.integer("channels", "channels of the first convolution, doubled by each further one", 16, 1, 1024),
            ParamSpec.integer("layers", "strided convolutions, each halving the image's height and width", 2, 1, 8),
            ParamSpec.integer("kernel", "height and width of every kernel", 4, 2, 9),
            ParamSpec.choice("activation", "nonlinearity after each layer but the last", Activation.ids()),
            ParamSpec.integer("dense", "units of a hidden dense layer beside the code, 0 for none", 0, 0, 65_536));

    private final int channels;
    private final int layers;
    private final int kernel;
    private final Activation activation;
    private final int dense;

    /**
     * Two ReLU layers of 16 and 32 channels with 4x4 kernels, no hidden dense layer: half the channels
     * of the Keras example, so that an encoder and a decoder take about 0.1 s forward and backward for
     * 100 MNIST digits on one core; a kernel the stride divides overlaps the transposed convolutions
     * evenly, without their checkerboard artefacts (Odena et al. 2016).
     */
    public ConvNetwork() {
        this(16, 2, 4, Activation.RELU, 0);
    }

    private ConvNetwork(int channels, int layers, int kernel, Activation activation, int dense) {
        this.channels = channels;
        this.layers = layers;
        this.kernel = kernel;
        this.activation = activation;
        this.dense = dense;
    }

    @Override
    public String name() {
        return "conv";
    }

    @Override
    public String description() {
        return "strided convolutions for image data, transposed ones in a decoder";
    }

    @Override
    public List<ParamSpec> parameters() {
        return PARAMETERS;
    }

    @Override
    public Network configure(ParamValues values) {
        return new ConvNetwork(values.integer("channels"), values.integer("layers"), values.integer("kernel"),
                Activation.parse(values.choice("activation")), values.integer("dense"));
    }

    @Override
    public boolean readsPlanes() {
        return true;
    }

    @Override
    public SDVariable forward(WeightScope weights, SDVariable in, FeatureShape inShape, FeatureShape outShape) {
        if (inShape.isImage() && !outShape.isImage()) {
            return encode(weights, in, inShape, outShape.size());
        }
        if (!inShape.isImage() && outShape.isImage()) {
            return decode(weights, in, inShape.size(), outShape);
        }
        throw new IllegalArgumentException(inShape.isImage()
                ? "network conv maps an image to a vector or a vector to an image, not the image " + inShape
                        + " to the image " + outShape
                : "network conv needs image data (its input is a vector of " + inShape.size() + " values and its output a vector of "
                        + outShape.size() + "); use --encoder mlp --decoder mlp for data without an image shape");
    }

    private SDVariable encode(WeightScope weights, SDVariable in, FeatureShape image, int outputs) {
        SameDiff sd = weights.sameDiff();
        SDVariable h = in.reshape(-1, image.channels(), image.height(), image.width());
        int inChannels = image.channels();
        for (int i = 0; i < layers; i++) {
            int outChannels = channels << i;
            long fanIn = (long) inChannels * kernel * kernel;
            SDVariable w = weights.declare("conv" + i + ".W", new long[] {kernel, kernel, inChannels, outChannels},
                    Initializer.fanInUniform(fanIn));
            SDVariable b = weights.declare("conv" + i + ".b", new long[] {outChannels}, Initializer.fanInUniform(fanIn));
            h = activation.apply(sd, sd.cnn().conv2d(h, w, b, Conv2DConfig.builder().kH(kernel).kW(kernel).sH(2).sW(2)
                    .paddingMode(PaddingMode.SAME).dataFormat(Conv2DConfig.NCHW).weightsFormat(WeightsFormat.YXIO).build()));
            inChannels = outChannels;
        }
        int[] last = mapSizes(image).get(layers);
        int flat = inChannels * last[0] * last[1];
        return denseLayers(weights, h.reshape(-1, flat), flat, outputs);
    }

    private SDVariable decode(WeightScope weights, SDVariable code, int codeWidth, FeatureShape image) {
        SameDiff sd = weights.sameDiff();
        List<int[]> sizes = mapSizes(image);
        int inChannels = channels << (layers - 1);
        int[] last = sizes.get(layers);
        SDVariable h = activation.apply(sd, denseLayers(weights, code, codeWidth, inChannels * last[0] * last[1]))
                .reshape(-1, inChannels, last[0], last[1]);
        for (int i = 0; i < layers; i++) {
            int level = layers - 1 - i;
            int outChannels = level == 0 ? image.channels() : channels << (level - 1);
            long fanIn = (long) outChannels * kernel * kernel;
            SDVariable w = weights.declare("deconv" + i + ".W", new long[] {kernel, kernel, outChannels, inChannels},
                    Initializer.fanInUniform(fanIn));
            SDVariable b = weights.declare("deconv" + i + ".b", new long[] {outChannels}, Initializer.fanInUniform(fanIn));
            h = crop(sd.cnn().deconv2d(h, w, b, DeConv2DConfig.builder().kH(kernel).kW(kernel).sH(2).sW(2)
                    .isSameMode(true).dataFormat(Conv2DConfig.NCHW).build()), sizes.get(level), sizes.get(level + 1));
            if (level > 0) {
                h = activation.apply(sd, h);
            }
            inChannels = outChannels;
        }
        return h.reshape(-1, image.size());
    }

    /** The optional hidden layer with its activation, then an affine map to {@code outputs}. */
    private SDVariable denseLayers(WeightScope weights, SDVariable x, int width, int outputs) {
        if (dense == 0) {
            return affine(weights, "dense", x, width, outputs);
        }
        SDVariable hidden = activation.apply(weights.sameDiff(), affine(weights, "hidden", x, width, dense));
        return affine(weights, "dense", hidden, dense, outputs);
    }

    private static SDVariable affine(WeightScope weights, String name, SDVariable x, int in, int out) {
        SDVariable w = weights.declare(name + ".W", new long[] {in, out}, Initializer.fanInUniform(in));
        SDVariable b = weights.declare(name + ".b", new long[] {out}, Initializer.fanInUniform(in));
        return x.mmul(w).add(b);
    }

    /** A map doubled from {@code smaller}, without the last row or column where {@code target} is odd. */
    private static SDVariable crop(SDVariable h, int[] target, int[] smaller) {
        if (target[0] == 2 * smaller[0] && target[1] == 2 * smaller[1]) {
            return h;
        }
        return h.get(SDIndex.all(), SDIndex.all(), SDIndex.interval(0, target[0]), SDIndex.interval(0, target[1]));
    }

    /** The encoder's feature-map sizes {height, width}, the image's first: each is the last halved, rounded up. */
    private List<int[]> mapSizes(FeatureShape image) {
        List<int[]> sizes = new ArrayList<>();
        sizes.add(new int[] {image.height(), image.width()});
        for (int i = 0; i < layers; i++) {
            int[] last = sizes.get(i);
            sizes.add(new int[] {(last[0] + 1) / 2, (last[1] + 1) / 2});
        }
        return sizes;
    }
}
