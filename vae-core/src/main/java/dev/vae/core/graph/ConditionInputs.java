package dev.vae.core.graph;

import dev.vae.api.FeatureShape;
import org.nd4j.autodiff.samediff.SDIndex;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * How a conditional model's networks see the condition c. The graph's rows are [x, c]: the encoder
 * reads them whole as a vector, or, where it reads an image's planes as planes (a convolution), x
 * with c as constant planes, [channels + C, H, W]; the decoder reads [z, c]. Without a condition
 * every input is as it was.
 *
 * <p>The joins are built from ops of the compiled step's allowlist, which has no concatenation: a
 * product with a 0/1 selection matrix places each input's columns, and adding the parts, each zero
 * where the others are not, gives the concatenation bit for bit.
 */
final class ConditionInputs {
    private final SameDiff sd;
    private final FeatureShape dataShape;
    private final int width;
    /** Whether the encoder is given c as planes. */
    private final boolean planes;
    private final DataType type;

    ConditionInputs(SameDiff sd, FeatureShape dataShape, int width, boolean encoderReadsPlanes, DataType type) {
        this.sd = sd;
        this.dataShape = dataShape;
        this.width = width;
        this.planes = encoderReadsPlanes && dataShape.isImage();
        this.type = type;
    }

    /** The width of c, 0 without a condition. */
    int width() {
        return width;
    }

    /** The values of a row of the graph's input: x, then c. */
    int rowWidth() {
        return dataShape.size() + width;
    }

    /** x of rows [N, x + c]. */
    SDVariable data(SDVariable rows) {
        return width == 0 ? rows : rows.get(SDIndex.all(), SDIndex.interval(0, dataShape.size()));
    }

    /** c of rows [N, x + c]. */
    SDVariable condition(SDVariable rows) {
        return rows.get(SDIndex.all(), SDIndex.interval(dataShape.size(), rowWidth()));
    }

    /** The shape of what the encoder reads. */
    FeatureShape encoderShape() {
        if (width == 0) {
            return dataShape;
        }
        return planes
                ? new FeatureShape(Math.addExact(dataShape.channels(), width), dataShape.height(), dataShape.width())
                : FeatureShape.vector(rowWidth());
    }

    /** What the encoder reads of rows [N, x + c]: the rows, or for images x's planes and then c's, channel-major. */
    SDVariable encoderInput(SDVariable rows) {
        if (width == 0 || !planes) {
            return rows;
        }
        int channels = dataShape.channels();
        int all = channels + width;
        long plane = (long) dataShape.height() * dataShape.width();
        SDVariable x = data(rows).reshape(-1, channels, plane);
        SDVariable input = condition(rows).mmul(selection(width, all, channels)).reshape(-1, all, 1);
        for (int channel = 0; channel < channels; channel++) {
            SDVariable one = x.get(SDIndex.all(), SDIndex.interval(channel, channel + 1), SDIndex.all());
            input = sd.tile(one, 1, all, 1).mul(sd.constant(unit(all, channel).reshape(1, all, 1))).add(input);
        }
        return input.reshape(-1, (long) all * plane);
    }

    /** [codes, c] for codes [N, codeWidth] and c [N, C]. */
    SDVariable joined(SDVariable codes, int codeWidth, SDVariable c) {
        int all = codeWidth + width;
        return codes.mmul(selection(codeWidth, all, 0)).add(c.mmul(selection(width, all, codeWidth)));
    }

    /** [rows, columns]: input column i to output column offset + i, a constant of the graph. */
    private SDVariable selection(int rows, int columns, int offset) {
        INDArray m = Nd4j.zeros(type, rows, columns);
        for (int i = 0; i < rows; i++) {
            m.putScalar(i, offset + i, 1);
        }
        return sd.constant(m);
    }

    private INDArray unit(int size, int index) {
        INDArray u = Nd4j.zeros(type, size);
        u.putScalar(index, 1);
        return u;
    }
}
