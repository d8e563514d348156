package dev.vae.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.autodiff.samediff.TrainingConfig;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Adam;

/** The repaired module path of build/ModulePathRepair.java: ND4J loads as modules and trains. */
class ModulePathTest {

    @Test
    void testsAndNd4jRunAsNamedModules() {
        assertThat(getClass().getModule().getName()).isEqualTo("dev.vae.core");
        assertThat(Nd4j.class.getModule().getName()).isEqualTo("nd4j.api");
        assertThat(Nd4j.getBackend().getClass().getModule().getName()).isEqualTo("nd4j.cpu");
        assertThat(ModuleLayer.boot().findModule("dev.vae.likelihood")).isPresent();
    }

    @Test
    void sameDiffTrainsALinearModelOnTheModulePath() {
        INDArray x = Nd4j.rand(DataType.FLOAT, 64, 3);
        INDArray w = Nd4j.createFromArray(new float[][] {{1f}, {-2f}, {0.5f}});
        INDArray y = x.mmul(w).addi(0.25);
        SameDiff sd = SameDiff.create();
        SDVariable in = sd.placeHolder("in", DataType.FLOAT, -1, 3);
        SDVariable label = sd.placeHolder("label", DataType.FLOAT, -1, 1);
        SDVariable weights = sd.var("w", Nd4j.zeros(DataType.FLOAT, 3, 1));
        SDVariable bias = sd.var("b", Nd4j.zeros(DataType.FLOAT, 1));
        SDVariable loss = sd.math.squaredDifference(in.mmul(weights).add(bias), label).mean();
        sd.setLossVariables(loss);
        sd.setTrainingConfig(TrainingConfig.builder().updater(new Adam(0.05))
                .dataSetFeatureMapping("in").dataSetLabelMapping("label").build());
        DataSet data = new DataSet(x, y);
        Map<String, INDArray> feed = Map.of("in", x, "label", y);
        double first = sd.output(feed, loss.name()).get(loss.name()).getDouble(0);
        for (int i = 0; i < 300; i++) {
            sd.fit(data);
        }
        double last = sd.output(feed, loss.name()).get(loss.name()).getDouble(0);
        assertThat(last).isLessThan(first * 0.01);
    }
}
