package dev.vae.app.cli;

import com.google.gson.GsonBuilder;
import dev.vae.core.Benchmark;
import dev.vae.core.VaeConfig;
import dev.vae.core.data.ImageSet;
import java.io.IOException;
import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import org.nd4j.linalg.factory.Nd4j;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** Training and evaluation throughput of a configuration, after a warm-up. */
@Command(name = "bench", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Measure training and evaluation samples per second on the training images.")
final class BenchCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    DataOption data = new DataOption();

    @Mixin
    ModelOptions model = new ModelOptions();

    @Option(names = "--seconds", defaultValue = "10", paramLabel = "S",
            description = "How long to time training (default: ${DEFAULT-VALUE}); evaluation gets half.")
    double seconds;

    @Option(names = "--json", description = "End with one JSON object on the last line.")
    boolean json;

    @Option(names = "--profile", description = "Then time the training step's parts: its op classes, the optimizer's"
            + " update and the rest.")
    boolean profile;

    @Mixin
    ThreadsOption threads = new ThreadsOption();

    @Mixin
    PluginPathOption plugins = new PluginPathOption();

    @Mixin
    QuietOption quiet = new QuietOption();

    @Override
    public Integer call() throws IOException {
        if (!(seconds >= 1 && seconds <= 3600)) {
            throw new UserError("--seconds must be from 1 to 3600, got " + seconds);
        }
        PrintWriter out = spec.commandLine().getOut();
        VaeConfig config = model.builder().standardize(data.standardize).build();
        int threadCount = threads.count();
        ImageSet train = data.load(config.seed()).train();
        quiet.chatter(spec).printf("bench: warming up, then timing training for %.1f s and evaluation for %.1f s%s ...%n",
                seconds, seconds / 2, profile ? ", then profiling the training step" : "");
        Benchmark.Result r = Benchmark.run(plugins.vae(), config, train, seconds, profile, threadCount);
        String omp = System.getenv().getOrDefault("OMP_NUM_THREADS", "unset");
        String backend = Nd4j.getBackend().getClass().getSimpleName() + " with "
                + Nd4j.factory().blas().getBlasVendor() + " kernels " + System.getenv().getOrDefault("OPENBLAS_CORETYPE",
                "detected by OpenBLAS");
        out.printf("train %,.0f samples/s, evaluate %,.0f samples/s (batch %d, latent %s, encoder %s, decoder %s, K %d, "
                + "%s, threads %d, OMP threads %s, %s)%n", r.trainSamplesPerSecond(), r.evalSamplesPerSecond(),
                config.batchSize(), latent(config), config.encoder(), config.decoder(), config.samples(),
                config.optimizer(), threadCount, omp, backend);
        r.profile().ifPresent(p -> ProfileTable.print(p, out));
        if (json) {
            Map<String, Object> result = new LinkedHashMap<>();
            result.put("train_samples_per_s", r.trainSamplesPerSecond());
            result.put("eval_samples_per_s", r.evalSamplesPerSecond());
            result.put("batch_size", config.batchSize());
            result.put("latent_dim", latent(config));
            result.put("encoder", config.encoder().toString());
            result.put("decoder", config.decoder().toString());
            result.put("samples", config.samples());
            result.put("optimizer", config.optimizer().label());
            result.put("train_steps", r.trainSteps());
            result.put("train_seconds", r.trainSeconds());
            result.put("threads", threadCount);
            result.put("omp_threads", omp);
            result.put("backend", backend);
            r.profile().ifPresent(p -> result.put("profile", ProfileTable.json(p)));
            out.println(new GsonBuilder().disableHtmlEscaping().create().toJson(result));
        }
        return ExitCodes.OK;
    }

    /** The latent size: a number for one layer, the list of sizes for several. */
    private static Object latent(VaeConfig config) {
        return config.latentLayers() == 1 ? config.latentDim() : config.latentDims();
    }
}
