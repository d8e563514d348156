package dev.vae.example.app;

import dev.vae.core.EpochStats;
import dev.vae.core.TrainedVae;
import dev.vae.core.Vae;
import dev.vae.core.VaeConfig;
import dev.vae.core.data.DataSplit;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Trains the tutorial's VAE on the digits that ship inside vae-core, reports its test bound and an
 * importance-sampled -log p(x), and checks that the saved model reloads to the same numbers.
 *
 * <p>Arguments: the number of epochs (default 2) and the model file to write (default
 * {@code target/digits.vae}).
 */
public final class TrainDigits {
    /** Fixes the draws of eps in evaluation, so that the model before and after saving sees the same ones. */
    private static final long SEED = 1;

    private TrainDigits() {
    }

    public static void main(String[] args) throws IOException {
        int epochs = args.length > 0 ? Integer.parseInt(args[0]) : 2;
        Path file = Path.of(args.length > 1 ? args[1] : "target/digits.vae");

        Vae vae = Vae.create();
        DataSplit data = DataSplit.embedded();
        VaeConfig config = VaeConfig.builder().epochs(epochs).build();
        TrainedVae model = vae.train(config, data.train(), data.test(), TrainDigits::report);

        INDArray test = data.test().images();
        double nelbo = mean(model.nelbo(test, SEED));
        double nll = mean(model.negativeLogLikelihood(test, 100, SEED));
        System.out.printf("test NELBO %.2f nats, -log p(x) %.2f nats (100 importance samples)%n", nelbo, nll);

        Files.createDirectories(file.toAbsolutePath().getParent());
        model.save(file);
        double reloaded = mean(vae.load(file).nelbo(test, SEED));
        if (reloaded != nelbo) {
            throw new IllegalStateException("the reloaded model gives a test NELBO of " + reloaded + ", not " + nelbo);
        }
        System.out.printf("saved %s; reloaded, it gives the same test NELBO, %.2f nats%n", file, reloaded);
    }

    private static void report(EpochStats stats) {
        System.out.printf("epoch %d: training loss %.2f, validation NELBO %.2f nats, %.1f s%n", stats.epoch(),
                stats.trainLoss(), stats.validationNelbo(), stats.seconds());
    }

    private static double mean(INDArray perExample) {
        return perExample.meanNumber().doubleValue();
    }
}
