package dev.vae.core.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

class StandardizationTest {

    /** Columns: spread out, constant, zero but for one value in a thousand. */
    private static INDArray rows() {
        INDArray x = Nd4j.zeros(DataType.FLOAT, 1000, 3);
        for (int i = 0; i < 1000; i++) {
            x.putScalar(i, 0, i % 4 * 2 + 1);
            x.putScalar(i, 1, 10);
        }
        x.putScalar(999, 2, 1);
        return x;
    }

    @Test
    void theScaleIsTheStandardDeviationFlooredAtATenthOfTheLargestDeviation() {
        Standardization s = Standardization.fit(rows(), 3);

        assertThat(s.mean().getDouble(0, 0)).isCloseTo(4, within(1e-6));
        assertThat(s.scale().getDouble(0, 0)).isCloseTo(Math.sqrt(5), within(1e-6));
        assertThat(s.mean().getDouble(0, 1)).isCloseTo(10, within(1e-6));
        assertThat(s.scale().getDouble(0, 1)).isEqualTo(1.0);
        // The standard deviation, sqrt(0.001 * 0.999) = 0.0316, would put the one value at 31.6 units.
        assertThat(s.mean().getDouble(0, 2)).isCloseTo(0.001, within(1e-9));
        assertThat(s.scale().getDouble(0, 2)).isCloseTo(0.999 / Standardization.MAX_STANDARD_UNITS, within(1e-7));
        assertThat(s.apply(rows()).getColumn(2).maxNumber().doubleValue())
                .isCloseTo(Standardization.MAX_STANDARD_UNITS, within(1e-5));
    }

    @Test
    void applyingStandardizesTheDataColumnsAndLeavesTheConditionUndoingRestores() {
        INDArray x = rows();
        Standardization s = Standardization.fit(x, 2);
        INDArray standardized = s.apply(x);

        assertThat(standardized.getDouble(5, 0)).isCloseTo((3 - 4) / Math.sqrt(5), within(1e-6));
        assertThat(standardized.getColumn(0).meanNumber().doubleValue()).isCloseTo(0, within(1e-6));
        assertThat(standardized.getColumn(0).stdNumber().doubleValue()).isCloseTo(1, within(1e-3));
        assertThat(standardized.getColumn(1).maxNumber().doubleValue()).isEqualTo(0.0);
        assertThat(standardized.getColumn(2)).isEqualTo(x.getColumn(2));
        assertThat(x.getDouble(5, 0)).isEqualTo(3.0);
        INDArray restored = s.undo(standardized.getColumns(0, 1));
        assertThat(restored.sub(x.getColumns(0, 1)).amaxNumber().doubleValue()).isLessThan(1e-6);
    }
}
