package dev.vae.app.cli;

import com.google.gson.Gson;
import dev.vae.core.TrainedVae;
import dev.vae.core.Vae;
import dev.vae.core.data.ImageSet;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** The negative ELBO of a saved model on the test images. */
@Command(name = "evaluate", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Report a model's negative ELBO on the test images of a data set.")
final class EvaluateCommand implements Callable<Integer> {
    private final Vae vae;

    @Spec
    CommandSpec spec;

    @Mixin
    ModelOption model = new ModelOption();

    @Mixin
    DataOption data = new DataOption();

    @Option(names = "--seed", defaultValue = "1", description = "Seed of the noise draws (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--samples", defaultValue = "0", paramLabel = "N",
            description = "Also estimate -log p(x) by importance sampling with N draws from q per image (default: off).")
    int samples;

    @Option(names = "--json", description = "End with one JSON object on the last line.")
    boolean json;

    @Inject
    EvaluateCommand(Vae vae) {
        this.vae = vae;
    }

    @Override
    public Integer call() throws IOException {
        if (samples < 0 || samples > 1_000_000) {
            throw new UserError("--samples must be from 0 to 1000000, got " + samples);
        }
        PrintWriter out = spec.commandLine().getOut();
        TrainedVae trained = model.load(vae);
        ImageSet test = data.load().test();
        if (test.rows() != trained.imageRows() || test.cols() != trained.imageCols()) {
            throw new UserError("the test images are " + test.rows() + "x" + test.cols() + " pixels; the model was trained on "
                    + trained.imageRows() + "x" + trained.imageCols());
        }
        long start = System.nanoTime();
        double nelbo = trained.nelbo(test.images(), seed).meanNumber().doubleValue();
        double seconds = (System.nanoTime() - start) / 1e9;
        out.printf("test NELBO %.3f nats per image over %d images (%s, %.1fs)%n", nelbo, test.size(), data.describe(), seconds);
        Double nll = null;
        double nllSeconds = 0;
        if (samples > 0) {
            long isStart = System.nanoTime();
            nll = trained.negativeLogLikelihood(test.images(), samples, seed).meanNumber().doubleValue();
            nllSeconds = (System.nanoTime() - isStart) / 1e9;
            out.printf("test -log p(x) %.3f nats per image, importance-sampled with %d draws (%.1fs)%n", nll, samples,
                    nllSeconds);
        }
        if (json) {
            Map<String, Object> result = new LinkedHashMap<>();
            result.put("nelbo", nelbo);
            if (nll != null) {
                result.put("nll", nll);
                result.put("nll_seconds", nllSeconds);
            }
            result.put("images", test.size());
            result.put("samples", samples);
            result.put("model", model.file.toString());
            result.put("data", data.describe());
            result.put("nelbo_seconds", seconds);
            out.println(new Gson().toJson(result));
        }
        return ExitCodes.OK;
    }
}
