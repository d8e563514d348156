package dev.vae.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vae.app.run.RunFolder;
import dev.vae.core.TrainedVae;
import dev.vae.core.TrainingListener;
import dev.vae.core.Vae;
import dev.vae.core.VaeConfig;
import dev.vae.core.data.DataSplit;
import dev.vae.core.data.ImageSet;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.factory.Nd4j;

/** A picture that cannot be drawn is skipped with a warning; the others, and the run, are kept. */
class RunPicturesTest {
    @TempDir
    Path dir;

    @Test
    void aPictureThatFailsIsSkippedWithAWarningAndTheOthersAreDrawn() throws Exception {
        DataSplit data = DataSplit.embedded();
        TrainedVae model = Vae.create().train(VaeConfig.builder().epochs(1).hiddenDims(List.of(8)).build(),
                data.train().head(200), data.test().head(100), TrainingListener.NONE);
        ImageSet otherSize = new ImageSet(Nd4j.rand(10, 196), new int[10], 14, 14);
        StringWriter err = new StringWriter();

        try (RunFolder folder = RunFolder.create(dir.resolve("run"), false, List.of())) {
            RunPictures.write(folder, model, new DataSplit(data.train(), otherSize), new PrintWriter(err, true));

            assertThat(err.toString().lines()).singleElement().asString()
                    .startsWith("vae train: warning: latent.png is not drawn (data must have shape [N, 784]")
                    .endsWith("the run is complete without it");
            assertThat(folder.file("loss.png")).isNotEmptyFile();
            assertThat(folder.file("manifold.png")).isNotEmptyFile();
            assertThat(folder.file("latent.png")).doesNotExist();
        }
    }
}
