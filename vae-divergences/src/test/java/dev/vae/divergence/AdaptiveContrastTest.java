package dev.vae.divergence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.data.Offset.offset;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** The adaptive contrast's Gaussian against the moments and the density computed by hand. */
class AdaptiveContrastTest {
    private static final int K = 3;
    private static final int B = 2;
    private static final int L = 2;

    @Test
    void itNormalizesByEachExamplesMomentsAndScoresTheCodesUnderTheirGaussian() {
        double[][][] codes = {{{0.5, -1}, {2, 0.3}}, {{1.5, -0.4}, {2.5, 0.3}}, {{-0.2, 0.1}, {1, 0.9}}};
        INDArray rows = Nd4j.create(DataType.DOUBLE, K * B, L);
        for (int k = 0; k < K; k++) {
            for (int b = 0; b < B; b++) {
                rows.putRow(k * B + b, Nd4j.createFromArray(codes[k][b]));
            }
        }
        SameDiff sd = SameDiff.create();
        SDVariable in = sd.placeHolder("z", DataType.DOUBLE, -1, L);
        AdaptiveContrast contrast = AdaptiveContrast.of(sd, in, K, L);
        Map<String, INDArray> out = sd.output(Map.of("z", rows), contrast.normalized().name(), contrast.logDensity().name());
        INDArray normalized = out.get(contrast.normalized().name());
        INDArray logDensity = out.get(contrast.logDensity().name());

        for (int b = 0; b < B; b++) {
            double[] mean = new double[L];
            double[] variance = new double[L];
            for (int l = 0; l < L; l++) {
                for (int k = 0; k < K; k++) {
                    mean[l] += codes[k][b][l] / K;
                }
                for (int k = 0; k < K; k++) {
                    variance[l] += Math.pow(codes[k][b][l] - mean[l], 2) / K;
                }
                variance[l] += AdaptiveContrast.VARIANCE_FLOOR;
            }
            for (int k = 0; k < K; k++) {
                double expected = 0;
                for (int l = 0; l < L; l++) {
                    double u = (codes[k][b][l] - mean[l]) / Math.sqrt(variance[l]);
                    assertThat(normalized.getDouble(k * B + b, l)).isCloseTo(u, offset(1e-12));
                    expected += -0.5 * Math.log(2 * Math.PI * variance[l]) - 0.5 * u * u;
                }
                assertThat(logDensity.getDouble(k, b)).as("log r of code %d of example %d", k, b)
                        .isCloseTo(expected, offset(1e-12));
            }
        }
    }
}
