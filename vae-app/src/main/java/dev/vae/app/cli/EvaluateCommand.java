package dev.vae.app.cli;

import com.google.gson.GsonBuilder;
import dev.vae.core.LikelihoodEstimate;
import dev.vae.core.TrainedVae;
import dev.vae.core.data.ImageSet;
import java.io.IOException;
import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import org.nd4j.linalg.api.ndarray.INDArray;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * A saved model's bounds on the test images, and optionally its importance-sampled -log p(x), all on
 * one scale: -log p(x) in nats per image, lower is better; bounds on log p(x) are shown negated.
 */
@Command(name = "evaluate", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Report a model's negative ELBO and its divergence's bound on the test images of a data set, "
                + "and with --samples an importance-sampled -log p(x): all in nats per image on the -log p(x) scale, "
                + "lower is better (bounds on log p(x) negated).")
final class EvaluateCommand implements Callable<Integer> {
    static final String SCALE = "nats per image on the -log p(x) scale, lower is better";

    @Spec
    CommandSpec spec;

    @Mixin
    ModelOption model = new ModelOption();

    @Mixin
    DataOption data = new DataOption();

    @Option(names = "--seed", defaultValue = "1", paramLabel = "S", description = "Seed of the noise draws (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--samples", defaultValue = "0", paramLabel = "N",
            description = "Also estimate -log p(x) and CUBO_2 by importance sampling with N draws from q per image "
                    + "(default: off).")
    int samples;

    @Option(names = "--batch-size", defaultValue = "100", paramLabel = "B",
            description = "Images importance-sampled together; memory grows with B x min(N, 100) x pixels "
                    + "(default: ${DEFAULT-VALUE}).")
    int batchSize;

    @Option(names = "--json", description = "End with one JSON object on the last line.")
    boolean json;

    @Mixin
    ThreadsOption threads = new ThreadsOption();

    @Mixin
    PluginPathOption plugins = new PluginPathOption();

    @Mixin
    QuietOption quiet = new QuietOption();

    @Override
    public Integer call() throws IOException {
        checkOptions();
        PrintWriter out = spec.commandLine().getOut();
        if (data.standardize) {
            throw new UserError("--standardize applies to vae train: a model trained with it keeps its mean and scale, "
                    + "and evaluate applies them; leave it out");
        }
        TrainedVae trained = model.load(plugins.vae());
        ImageSet test = data.load(trained.config().seed()).test();
        if (test.rows() != trained.imageRows() || trained.condition().dataWidth(test.cols()) != trained.imageCols()) {
            throw new UserError("the test images are " + test.rows() + "x" + test.cols()
                    + " pixels; the model was trained on " + trained.imageRows() + "x" + trained.imageCols());
        }
        INDArray rows = trained.inputs(test);
        Map<String, Object> result = new LinkedHashMap<>();
        long start = System.nanoTime();
        double nelbo = trained.nelbo(rows, seed).meanNumber().doubleValue();
        double seconds = (System.nanoTime() - start) / 1e9;
        out.printf("%s, %d test images (%s)%n", SCALE, test.size(), data.describe());
        out.printf("test NELBO %.3f (%.1fs)%n", nelbo, seconds);
        if (!trained.posteriorHasDensity()) {
            out.printf("  q has no density: this NELBO is the divergence's estimate, log q - log p from its "
                    + "discriminator%n");
        }
        result.put("scale", SCALE);
        result.put("nelbo", nelbo);
        result.put("nelbo_estimate", trained.posteriorHasDensity() ? "exact densities" : "discriminator");
        result.put("nelbo_seconds", seconds);
        reportBound(trained, rows, out, result);
        if (samples > 0) {
            reportLikelihood(trained, rows, out, result);
        }
        if (json) {
            result.put("images", test.size());
            result.put("samples", samples);
            result.put("model", model.file.toString());
            result.put("data", data.describe());
            out.println(new GsonBuilder().disableHtmlEscaping().create().toJson(result));
        }
        return ExitCodes.OK;
    }

    private void checkOptions() {
        if (samples < 0 || samples > 1_000_000) {
            throw new UserError("--samples must be from 0 to 1000000, got " + samples);
        }
        if (batchSize < 1 || batchSize > 10_000) {
            throw new UserError("--batch-size must be from 1 to 10000, got " + batchSize);
        }
    }

    /** The trained divergence's own bound, with the K draws per image it was trained with. */
    private void reportBound(TrainedVae trained, INDArray rows, PrintWriter out, Map<String, Object> result) {
        String divergence = trained.config().divergence().toString();
        int k = trained.config().samples();
        double negBound = -trained.bound(rows, seed).meanNumber().doubleValue();
        out.printf("test -(%s bound) %.3f (the trained divergence's bound on log p(x), negated, K = %d)%n", divergence,
                negBound, k);
        result.put("divergence", divergence);
        result.put("neg_bound", negBound);
        result.put("bound_samples", k);
    }

    private void reportLikelihood(TrainedVae trained, INDArray rows, PrintWriter out, Map<String, Object> result) {
        ProgressBar bar = new ProgressBar(out, System.console() != null && !quiet.quiet);
        long start = System.nanoTime();
        LikelihoodEstimate estimate = trained.importanceSample(rows, samples, seed, batchSize, threads.count(),
                new EvaluationProgress(bar, "importance sampling"));
        double seconds = (System.nanoTime() - start) / 1e9;
        double nll = estimate.negativeLogLikelihood().meanNumber().doubleValue();
        double negCubo = -estimate.chiUpperBound().meanNumber().doubleValue();
        bar.clear();
        out.printf("test -log p(x) %.3f (importance-sampled with %d draws, %.1fs)%n", nll, samples, seconds);
        if (!trained.posteriorHasDensity()) {
            out.printf("  q has no density: the draws come from a Gaussian fitted to %d draws of q per image%n",
                    TrainedVae.PROPOSAL_FIT_DRAWS);
        }
        out.printf("test -CUBO_2 %.3f (from the same draws, a lower bound on -log p(x) as the draws grow)%n", negCubo);
        result.put("nll", nll);
        result.put("proposal", trained.posteriorHasDensity() ? "q" : "gaussian fitted to q");
        result.put("neg_cubo", negCubo);
        result.put("nll_seconds", seconds);
    }
}
