package dev.vae.core.training;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/** A batch's rows gathered as blocks of bytes are the rows ND4J's pullRows gives. */
class EpochBatchesTest {
    private static final int[] ROWS = {7, 0, 49, 7, 23, 1};

    @Test
    void rowsOfFloatAndDoubleMatricesAreCopiedExactly() {
        for (DataType type : new DataType[] {DataType.FLOAT, DataType.DOUBLE}) {
            INDArray data = Nd4j.rand(Nd4j.getRandomFactory().getNewRandomInstance(3), 50, 13).castTo(type);

            INDArray batch = EpochBatches.gather(data, ROWS);

            assertThat(batch.dataType()).isEqualTo(type);
            assertThat(batch.shape()).containsExactly(ROWS.length, 13);
            for (int i = 0; i < ROWS.length; i++) {
                assertThat(batch.getRow(i).toDoubleVector()).as(type + " row " + i)
                        .containsExactly(data.getRow(ROWS[i]).toDoubleVector());
            }
            assertThat(batch.equalsWithEps(Nd4j.pullRows(data, 1, ROWS), 0)).isTrue();
        }
    }

    @Test
    void aViewOfRowsAndATransposedMatrixAreGatheredToo() {
        INDArray transposed = Nd4j.rand(Nd4j.getRandomFactory().getNewRandomInstance(5), 13, 50).transpose();
        INDArray fromTransposed = EpochBatches.gather(transposed, ROWS);
        for (int i = 0; i < ROWS.length; i++) {
            assertThat(fromTransposed.getRow(i).toDoubleVector()).containsExactly(transposed.getRow(ROWS[i]).toDoubleVector());
        }

        INDArray data = Nd4j.rand(Nd4j.getRandomFactory().getNewRandomInstance(4), 60, 13)
                .get(NDArrayIndex.interval(5, 55), NDArrayIndex.all());
        assertThat(data.isView()).isTrue();

        INDArray batch = EpochBatches.gather(data, ROWS);

        for (int i = 0; i < ROWS.length; i++) {
            assertThat(batch.getRow(i).toDoubleVector()).containsExactly(data.getRow(ROWS[i]).toDoubleVector());
        }
    }
}
