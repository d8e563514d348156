package dev.vae.core;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.vae.core.data.DataSplit;
import dev.vae.core.data.ImageSet;
import dev.vae.core.data.Standardization;
import dev.vae.core.plugin.PluginChoice;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * A model trained on standardized digits under a Gaussian likelihood: it trains (near-constant
 * pixels once made it diverge in the first epoch), keeps its mean and scale, reads data in their
 * own units, and decodes back into them.
 */
class StandardizedModelTest {
    private static final VaeConfig CONFIG = VaeConfig.builder().epochs(2).likelihood(PluginChoice.parse("gaussian"))
            .standardize(true).seed(1).build();
    private static final Vae VAE = Vae.create();
    private static ImageSet train;
    private static ImageSet validation;
    private static TrainedVae model;

    @TempDir
    Path dir;

    @BeforeAll
    static void train() throws IOException {
        DataSplit data = DataSplit.embedded();
        train = data.train().head(4000);
        validation = data.test().head(1000);
        model = VAE.train(CONFIG, train, validation, TrainingListener.NONE);
    }

    @Test
    void trainsOnTheDigitsUnderAGaussianLikelihood() {
        List<EpochStats> history = model.history();

        assertThat(history).hasSize(2).allSatisfy(e -> assertThat(Double.isFinite(e.validationNelbo())).isTrue());
        assertThat(history.get(1).trainLoss()).isLessThan(history.get(0).trainLoss());
        assertThat(history.get(1).validationNelbo()).isLessThan(history.get(0).validationNelbo());
    }

    @Test
    void theModelKeepsTheTrainingStatistics() {
        Standardization expected = Standardization.fit(train.images(), 784);

        assertThat(model.standardization()).contains(expected);
        assertThat(expected.scale().minNumber().doubleValue()).isGreaterThan(0);
    }

    @Test
    void itReadsDataInTheirOwnUnitsAndDecodesIntoThem() {
        Standardization s = model.standardization().orElseThrow();
        TrainedVae bare = new TrainedVae(model.graph(), List.of(), 28, 28, Optional.empty());
        INDArray x = validation.images();
        INDArray z = Nd4j.rand(model.graph().dataType(), 7, 2);

        assertThat(model.nelbo(x, 4)).isEqualTo(bare.nelbo(s.apply(x), 4));
        assertThat(model.encode(x).mean()).isEqualTo(bare.encode(s.apply(x)).mean());
        assertThat(model.decode(z)).isEqualTo(s.undo(bare.decode(z)));
        assertThat(model.sample(5, 3)).isEqualTo(s.undo(bare.sample(5, 3)));
    }

    @Test
    void theNelboOfTheValidationImagesIsTheOneTrainingReported() {
        double reported = model.history().get(1).validationNelbo();
        double evaluated = model.nelbo(validation.images(), 9).meanNumber().doubleValue();
        double unstandardized = new TrainedVae(model.graph(), List.of(), 28, 28, Optional.empty())
                .nelbo(validation.images(), 9).meanNumber().doubleValue();

        // Other draws of eps than training's: equal up to their noise, far from the figure without the statistics.
        assertThat(Math.abs(evaluated - reported)).isLessThan(0.01 * Math.abs(reported));
        assertThat(Math.abs(unstandardized - reported)).isGreaterThan(0.5 * Math.abs(reported));
    }

    @Test
    void aSavedModelKeepsItsStatisticsAndItsBytes() throws IOException {
        Path file = dir.resolve("model.vae");
        Path again = dir.resolve("again.vae");
        model.save(file);
        TrainedVae loaded = VAE.load(file);
        loaded.save(again);

        assertThat(loaded.standardization()).isEqualTo(model.standardization());
        assertThat(loaded.config().standardize()).isTrue();
        assertThat(loaded.nelbo(validation.images(), 4)).isEqualTo(model.nelbo(validation.images(), 4));
        assertThat(loaded.sample(5, 3)).isEqualTo(model.sample(5, 3));
        assertThat(Files.mismatch(file, again)).isEqualTo(-1);
        JsonObject manifest = manifest(file);
        assertThat(manifest.get("version").getAsInt()).isEqualTo(4);
        assertThat(manifest.getAsJsonObject("config").get("standardize").getAsBoolean()).isTrue();
        assertThat(manifest.getAsJsonObject("checksums").keySet())
                .contains("standardization/mean.npy", "standardization/scale.npy");
    }

    @Test
    void aModelWithoutStandardizationIsWrittenAsBeforeAndKeepsItsBytes() throws IOException {
        TrainedVae plain = VAE.train(CONFIG.toBuilder().standardize(false).likelihood(PluginChoice.parse("bernoulli"))
                .epochs(1).hiddenDims(List.of(16)).build(), train.head(500), validation.head(100), TrainingListener.NONE);
        Path file = dir.resolve("plain.vae");
        Path again = dir.resolve("plain-again.vae");
        plain.save(file);
        VAE.load(file).save(again);

        JsonObject manifest = manifest(file);
        assertThat(manifest.get("version").getAsInt()).isEqualTo(3);
        assertThat(manifest.getAsJsonObject("config").has("standardize")).isFalse();
        assertThat(VAE.load(file).standardization()).isEmpty();
        assertThat(Files.mismatch(file, again)).isEqualTo(-1);
    }

    private static JsonObject manifest(Path file) throws IOException {
        try (ZipFile zip = new ZipFile(file.toFile())) {
            String text = new String(zip.getInputStream(zip.getEntry("manifest.json")).readAllBytes(),
                    StandardCharsets.UTF_8);
            return JsonParser.parseString(text).getAsJsonObject();
        }
    }
}
