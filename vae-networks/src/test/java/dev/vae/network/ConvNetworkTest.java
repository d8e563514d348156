package dev.vae.network;

import static dev.vae.network.NetworkHarness.box;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.vae.api.FeatureShape;
import dev.vae.api.ParamValues;
import dev.vae.api.spi.Network;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

class ConvNetworkTest {
    private static final FeatureShape MNIST = new FeatureShape(1, 28, 28);
    private static final FeatureShape ODD = new FeatureShape(2, 5, 7);
    private static final FeatureShape TINY = new FeatureShape(1, 6, 5);

    private static Network conv(String... keyValues) {
        Map<String, String> given = new LinkedHashMap<>();
        for (int i = 0; i < keyValues.length; i += 2) {
            given.put(keyValues[i], keyValues[i + 1]);
        }
        Network defaults = new ConvNetwork();
        return defaults.configure(ParamValues.resolve("conv", defaults.parameters(), given));
    }

    private static NetworkHarness.Run run(Network net, int n, FeatureShape in, FeatureShape out) {
        return NetworkHarness.run(net, NetworkHarness.inputs(n, in, 3), in, out, Map.of());
    }

    @Test
    void encoderHalvesTwentyEightByTwentyEightTwiceAndEndsInADenseLayer() {
        NetworkHarness.Run run = run(new ConvNetwork(), 3, MNIST, FeatureShape.vector(20));
        assertThat(run.output().shape()).containsExactly(3, 20);
        assertThat(run.shapes()).containsExactly(
                Map.entry("conv0.W", box(4, 4, 1, 16)), Map.entry("conv0.b", box(16)),
                Map.entry("conv1.W", box(4, 4, 16, 32)), Map.entry("conv1.b", box(32)),
                Map.entry("dense.W", box(32 * 7 * 7, 20)), Map.entry("dense.b", box(20)));
    }

    @Test
    void decoderFillsASevenBySevenMapAndDoublesItTwice() {
        NetworkHarness.Run run = run(new ConvNetwork(), 3, FeatureShape.vector(10), MNIST);
        assertThat(run.output().shape()).containsExactly(3, 784);
        assertThat(run.shapes()).containsExactly(
                Map.entry("dense.W", box(10, 32 * 7 * 7)), Map.entry("dense.b", box(32 * 7 * 7)),
                Map.entry("deconv0.W", box(4, 4, 16, 32)), Map.entry("deconv0.b", box(16)),
                Map.entry("deconv1.W", box(4, 4, 1, 16)), Map.entry("deconv1.b", box(1)));
    }

    @Test
    void oddNonSquareImagesRoundTheMapsUpAndTheDecoderCropsBackToTheirSize() {
        NetworkHarness.Run encoder = run(new ConvNetwork(), 2, ODD, FeatureShape.vector(6));
        assertThat(encoder.output().shape()).containsExactly(2, 6);
        // 5x7, 3x4, 2x2
        assertThat(encoder.shapes()).containsEntry("dense.W", box(32 * 2 * 2, 6));
        NetworkHarness.Run decoder = run(new ConvNetwork(), 2, FeatureShape.vector(4), ODD);
        assertThat(decoder.output().shape()).containsExactly(2, ODD.size());
        assertThat(decoder.shapes()).containsEntry("dense.W", box(4, 32 * 2 * 2)).containsEntry("deconv1.W", box(4, 4, 2, 16));
    }

    @Test
    void aHiddenDenseLayerSitsBetweenTheMapAndTheCode() {
        Network net = conv("dense", "16", "channels", "8", "layers", "3");
        assertThat(run(net, 2, MNIST, FeatureShape.vector(4)).shapes().keySet()).containsExactly(
                "conv0.W", "conv0.b", "conv1.W", "conv1.b", "conv2.W", "conv2.b", "hidden.W", "hidden.b", "dense.W", "dense.b");
        NetworkHarness.Run decoder = run(net, 2, FeatureShape.vector(4), MNIST);
        assertThat(decoder.shapes()).containsExactly(
                Map.entry("hidden.W", box(4, 16)), Map.entry("hidden.b", box(16)),
                Map.entry("dense.W", box(16, 32 * 4 * 4)), Map.entry("dense.b", box(32 * 4 * 4)),
                Map.entry("deconv0.W", box(4, 4, 16, 32)), Map.entry("deconv0.b", box(16)),
                Map.entry("deconv1.W", box(4, 4, 8, 16)), Map.entry("deconv1.b", box(8)),
                Map.entry("deconv2.W", box(4, 4, 1, 8)), Map.entry("deconv2.b", box(1)));
        assertThat(decoder.output().shape()).containsExactly(2, 784);
    }

    @ParameterizedTest
    @ValueSource(ints = {3, 4})
    void encoderGradientsMatchCentralDifferences(int kernel) {
        Network net = conv("channels", "2", "layers", "2", "kernel", Integer.toString(kernel));
        // the input, conv0 (1 to 2 planes), conv1 (2 to 4), dense from 4x2x2 to 3
        int k2 = kernel * kernel;
        assertThat(NetworkHarness.assertGradients(net, 2, TINY, FeatureShape.vector(3)))
                .isEqualTo(2 * 30 + (k2 * 2 + 2) + (k2 * 2 * 4 + 4) + (16 * 3 + 3));
    }

    @ParameterizedTest
    @ValueSource(ints = {3, 4})
    void decoderGradientsMatchCentralDifferencesThroughTheCrops(int kernel) {
        Network net = conv("channels", "2", "layers", "2", "kernel", Integer.toString(kernel));
        // the code, dense from 3 to 4x2x2, deconv0 (4 to 2 planes), deconv1 (2 to 1)
        int k2 = kernel * kernel;
        assertThat(NetworkHarness.assertGradients(net, 2, FeatureShape.vector(3), TINY))
                .isEqualTo(2 * 3 + (3 * 16 + 16) + (k2 * 2 * 4 + 2) + (k2 * 2 + 1));
    }

    @Test
    void gradientsMatchCentralDifferencesWithAHiddenDenseLayerAndSeveralPlanes() {
        Network net = conv("channels", "2", "layers", "2", "dense", "3", "activation", "elu");
        FeatureShape image = new FeatureShape(2, 3, 5);
        // maps 3x5, 2x3, 1x2: 8 values after conv1
        assertThat(NetworkHarness.assertGradients(net, 2, image, FeatureShape.vector(2)))
                .isEqualTo(2 * 30 + (16 * 2 * 2 + 2) + (16 * 2 * 4 + 4) + (8 * 3 + 3) + (3 * 2 + 2));
        assertThat(NetworkHarness.assertGradients(net, 2, FeatureShape.vector(2), image))
                .isEqualTo(2 * 2 + (2 * 3 + 3) + (3 * 8 + 8) + (16 * 4 * 2 + 2) + (16 * 2 * 2 + 2));
    }

    /** With the dense layer the identity, the encoder's output is its map, checked against the sum written out. */
    @ParameterizedTest
    @ValueSource(ints = {3, 4})
    void encoderIsAStrideTwoConvolutionWithSamePadding(int kernel) {
        FeatureShape image = new FeatureShape(2, 6, 7);
        int outChannels = 3;
        int[] map = {3, 4};
        int flat = outChannels * map[0] * map[1];
        Network net = conv("channels", "3", "layers", "1", "kernel", Integer.toString(kernel), "activation", "identity");
        INDArray x = NetworkHarness.inputs(2, image, 4);
        NetworkHarness.Run run = NetworkHarness.run(net, x, image, FeatureShape.vector(flat),
                Map.of("dense.W", Nd4j.eye(flat).castTo(DataType.DOUBLE), "dense.b", Nd4j.zeros(DataType.DOUBLE, flat)));
        INDArray w = run.values().get("conv0.W");
        INDArray b = run.values().get("conv0.b");
        // 'same' padding: the total (out - 1) * stride + kernel - in, its smaller half at the top and left.
        int padTop = ((map[0] - 1) * 2 + kernel - image.height()) / 2;
        int padLeft = ((map[1] - 1) * 2 + kernel - image.width()) / 2;
        INDArray pixels = x.reshape(2, image.channels(), image.height(), image.width());
        for (int n = 0; n < 2; n++) {
            for (int o = 0; o < outChannels; o++) {
                for (int y = 0; y < map[0]; y++) {
                    for (int z = 0; z < map[1]; z++) {
                        double expected = b.getDouble(o);
                        for (int i = 0; i < image.channels(); i++) {
                            for (int a = 0; a < kernel; a++) {
                                for (int c = 0; c < kernel; c++) {
                                    int row = 2 * y + a - padTop;
                                    int column = 2 * z + c - padLeft;
                                    if (row >= 0 && row < image.height() && column >= 0 && column < image.width()) {
                                        expected += w.getDouble(a, c, i, o) * pixels.getDouble(n, i, row, column);
                                    }
                                }
                            }
                        }
                        assertThat(run.output().getDouble(n, (o * map[0] + y) * map[1] + z)).isCloseTo(expected, within(1e-12));
                    }
                }
            }
        }
    }

    /**
     * With the dense layer the identity, the code is the decoder's smallest map; the output is its
     * transposed convolution, the adjoint of the encoder's, with the last row and column cropped.
     */
    @ParameterizedTest
    @ValueSource(ints = {3, 4})
    void decoderIsAStrideTwoTransposedConvolutionCroppedAtTheEnd(int kernel) {
        FeatureShape image = new FeatureShape(2, 5, 7);
        int inChannels = 3;
        int[] map = {3, 4};
        int flat = inChannels * map[0] * map[1];
        Network net = conv("channels", "3", "layers", "1", "kernel", Integer.toString(kernel), "activation", "identity");
        INDArray code = NetworkHarness.inputs(2, FeatureShape.vector(flat), 5);
        NetworkHarness.Run run = NetworkHarness.run(net, code, FeatureShape.vector(flat), image,
                Map.of("dense.W", Nd4j.eye(flat).castTo(DataType.DOUBLE), "dense.b", Nd4j.zeros(DataType.DOUBLE, flat)));
        INDArray w = run.values().get("deconv0.W");
        INDArray b = run.values().get("deconv0.b");
        int pad = ((map[0] - 1) * 2 + kernel - 2 * map[0]) / 2;
        INDArray expected = Nd4j.zeros(DataType.DOUBLE, 2, image.channels(), 2 * map[0], 2 * map[1]);
        INDArray h = code.reshape(2, inChannels, map[0], map[1]);
        for (int n = 0; n < 2; n++) {
            for (int i = 0; i < inChannels; i++) {
                for (int y = 0; y < map[0]; y++) {
                    for (int z = 0; z < map[1]; z++) {
                        for (int o = 0; o < image.channels(); o++) {
                            for (int a = 0; a < kernel; a++) {
                                for (int c = 0; c < kernel; c++) {
                                    int row = 2 * y + a - pad;
                                    int column = 2 * z + c - pad;
                                    if (row >= 0 && row < 2 * map[0] && column >= 0 && column < 2 * map[1]) {
                                        expected.putScalar(new long[] {n, o, row, column}, expected.getDouble(n, o, row, column)
                                                + w.getDouble(a, c, o, i) * h.getDouble(n, i, y, z));
                                    }
                                }
                            }
                        }
                    }
                }
            }
        }
        INDArray output = run.output().reshape(2, image.channels(), image.height(), image.width());
        for (int n = 0; n < 2; n++) {
            for (int o = 0; o < image.channels(); o++) {
                for (int y = 0; y < image.height(); y++) {
                    for (int z = 0; z < image.width(); z++) {
                        assertThat(output.getDouble(n, o, y, z)).isCloseTo(expected.getDouble(n, o, y, z) + b.getDouble(o), within(1e-12));
                    }
                }
            }
        }
    }

    @Test
    void refusesDataWithoutAnImageShape() {
        assertThatThrownBy(() -> run(new ConvNetwork(), 1, FeatureShape.vector(20), FeatureShape.vector(10)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("network conv needs image data (its input is a vector of 20 values and its output a vector of 10);"
                        + " use --encoder mlp --decoder mlp for data without an image shape");
    }

    @Test
    void refusesToMapAnImageToAnImage() {
        assertThatThrownBy(() -> run(new ConvNetwork(), 1, MNIST, new FeatureShape(2, 28, 28)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("network conv maps an image to a vector or a vector to an image, not the image 1x28x28 to the image 2x28x28");
    }

    @Test
    void configuredDefaultsAreTheNoArgumentNetwork() {
        assertThat(run(conv(), 1, MNIST, FeatureShape.vector(4)).shapes())
                .isEqualTo(run(new ConvNetwork(), 1, MNIST, FeatureShape.vector(4)).shapes());
        assertThat(new ConvNetwork().parameters()).extracting(p -> p.name() + "=" + p.defaultText())
                .isEqualTo(List.of("channels=16", "layers=2", "kernel=4", "activation=relu", "dense=0"));
    }
}
