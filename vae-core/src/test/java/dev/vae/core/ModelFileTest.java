package dev.vae.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vae.api.Posterior;
import dev.vae.core.data.DataSplit;
import dev.vae.core.data.ImageSet;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

class ModelFileTest {
    private static Vae vae;
    private static TrainedVae model;
    private static ImageSet images;

    @TempDir
    Path dir;

    @BeforeAll
    static void train() throws IOException {
        vae = Vae.create();
        DataSplit data = DataSplit.embedded();
        images = data.test().head(50);
        model = vae.train(VaeConfig.builder().epochs(1).hiddenDims(java.util.List.of(32)).build(),
                data.train().head(300), images, TrainingListener.NONE);
    }

    @Test
    void aSavedModelLoadsWithIdenticalOutputs() throws IOException {
        Path file = dir.resolve("model.vae");
        model.save(file);
        TrainedVae loaded = vae.load(file);

        assertThat(loaded.config()).isEqualTo(model.config());
        assertThat(loaded.history()).isEqualTo(model.history());
        assertThat(loaded.nelbo(images.images(), 3)).isEqualTo(model.nelbo(images.images(), 3));
        Posterior a = model.encode(images.images());
        Posterior b = loaded.encode(images.images());
        assertThat(b.mean()).isEqualTo(a.mean());
        assertThat(b.variance()).isEqualTo(a.variance());
        assertThat(loaded.sample(5, 8)).isEqualTo(model.sample(5, 8));
        assertThat(Files.list(dir)).containsExactly(file);
    }

    @Test
    void importanceSamplingTightensTheBoundAsDrawsGrow() {
        double nelbo = model.nelbo(images.images(), 3).meanNumber().doubleValue();
        double few = model.negativeLogLikelihood(images.images(), 2, 4).meanNumber().doubleValue();
        double many = model.negativeLogLikelihood(images.images(), 500, 5).meanNumber().doubleValue();
        double again = model.negativeLogLikelihood(images.images(), 500, 6).meanNumber().doubleValue();

        assertThat(many).isLessThan(few).isLessThan(nelbo);
        assertThat(Math.abs(many - again)).isLessThan(0.5);
    }

    @Test
    void decodedMeansArePixelProbabilities() {
        INDArray x = model.decode(Nd4j.zeros(4, 2));
        assertThat(x.shape()).containsExactly(4, 784);
        assertThat(x.minNumber().doubleValue()).isGreaterThanOrEqualTo(0);
        assertThat(x.maxNumber().doubleValue()).isLessThanOrEqualTo(1);
    }

    @Test
    void aMissingOrEmptyFileIsRefused() throws IOException {
        assertThatThrownBy(() -> vae.load(dir.resolve("absent.vae"))).isInstanceOf(NoSuchFileException.class);
        Path empty = Files.createFile(dir.resolve("empty.vae"));
        assertThatThrownBy(() -> vae.load(empty)).isInstanceOf(ModelFileException.class).hasMessageContaining("is empty");
    }

    @Test
    void aFileThatIsNotAZipIsRefused() throws IOException {
        Path text = Files.writeString(dir.resolve("notes.vae"), "not a model");
        assertThatThrownBy(() -> vae.load(text)).hasMessageContaining("not a zip archive");
    }

    @Test
    void aZipWithoutManifestIsRefused() throws IOException {
        Path zip = rewrite(null);
        assertThatThrownBy(() -> vae.load(zip)).hasMessageContaining("no manifest.json");
    }

    @Test
    void aCorruptManifestIsRefused() throws IOException {
        Path zip = rewrite("{ this is not json");
        assertThatThrownBy(() -> vae.load(zip)).hasMessageContaining("corrupt manifest.json");
    }

    @Test
    void anotherFormatVersionIsRefused() throws IOException {
        Path zip = rewrite(manifest().replace("\"version\": 1", "\"version\": 99"));
        assertThatThrownBy(() -> vae.load(zip)).hasMessageContaining("format version 99; this version of vae reads 1");
    }

    @Test
    void aModelNamingAMissingPluginSaysWhichOne() throws IOException {
        Path zip = rewrite(manifest().replace("\"name\": \"kl\"", "\"name\": \"wasserstein\"")
                .replaceAll("\"divergence\": \"dev\\.vae\\.divergence@[^\"]*\"", "\"divergence\": \"org.example.w@2.0\""));
        assertThatThrownBy(() -> vae.load(zip)).isInstanceOf(ModelFileException.class)
                .hasMessage(zip + ": needs the divergence plugin 'wasserstein' from org.example.w@2.0, which is not installed"
                        + " here; add its jar to the plugin path");
    }

    private String manifest() throws IOException {
        Path file = dir.resolve("source.vae");
        model.save(file);
        try (ZipFile zip = new ZipFile(file.toFile())) {
            return new String(zip.getInputStream(zip.getEntry("manifest.json")).readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    /** A copy of the saved model with its manifest replaced, or left out when null. */
    private Path rewrite(String manifest) throws IOException {
        Path source = dir.resolve("original.vae");
        model.save(source);
        Path target = dir.resolve("edited.vae");
        try (ZipFile in = new ZipFile(source.toFile());
             OutputStream file = Files.newOutputStream(target);
             ZipOutputStream out = new ZipOutputStream(file)) {
            for (ZipEntry e : java.util.Collections.list(in.entries())) {
                if (e.getName().equals("manifest.json")) {
                    if (manifest != null) {
                        out.putNextEntry(new ZipEntry(e.getName()));
                        out.write(manifest.getBytes(StandardCharsets.UTF_8));
                    }
                } else {
                    out.putNextEntry(new ZipEntry(e.getName()));
                    in.getInputStream(e).transferTo(out);
                }
            }
        }
        return target;
    }
}
