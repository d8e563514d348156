package dev.vae.core.graph;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vae.api.FeatureShape;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/** The inputs a conditional model's networks read equal the concatenations they stand for, bit for bit. */
class ConditionInputsTest {
    private static final FeatureShape IMAGE = new FeatureShape(2, 2, 3);
    private static final int C = 3;

    @Test
    void anEncoderOfPlanesReadsTheImagesPlanesThenOneConstantPlanePerConditionValue() {
        INDArray rows = Nd4j.rand(DataType.DOUBLE, 4, IMAGE.size() + C).subi(0.5);
        SameDiff sd = SameDiff.create();
        ConditionInputs inputs = new ConditionInputs(sd, IMAGE, C, true, DataType.DOUBLE);
        SDVariable in = inputs.encoderInput(sd.placeHolder("rows", DataType.DOUBLE, -1, rows.columns()));

        INDArray read = sd.output(Map.of("rows", rows), in.name()).get(in.name());

        assertThat(inputs.encoderShape()).isEqualTo(new FeatureShape(2 + C, 2, 3));
        INDArray x = rows.get(NDArrayIndex.all(), NDArrayIndex.interval(0, IMAGE.size()));
        INDArray c = rows.get(NDArrayIndex.all(), NDArrayIndex.interval(IMAGE.size(), IMAGE.size() + C));
        INDArray planes = Nd4j.concat(1, x.reshape(4, 2, 6), c.reshape(4, C, 1).repeat(2, 6)).reshape(4, (2 + C) * 6);
        assertThat(read).isEqualTo(planes);
    }

    @Test
    void anEncoderOfVectorsReadsTheRowsAsTheyAre() {
        ConditionInputs inputs = new ConditionInputs(SameDiff.create(), IMAGE, C, false, DataType.DOUBLE);
        assertThat(inputs.encoderShape()).isEqualTo(FeatureShape.vector(IMAGE.size() + C));
    }

    @Test
    void theDecoderReadsEachCodeThenItsCondition() {
        SameDiff sd = SameDiff.create();
        ConditionInputs inputs = new ConditionInputs(sd, FeatureShape.vector(5), C, false, DataType.DOUBLE);
        INDArray codes = Nd4j.rand(DataType.DOUBLE, 4, 2).subi(0.5);
        INDArray c = Nd4j.rand(DataType.DOUBLE, 4, C);
        SDVariable joined = inputs.joined(sd.constant(codes), 2, sd.constant(c));
        assertThat(joined.eval()).isEqualTo(Nd4j.concat(1, codes, c));
    }
}
