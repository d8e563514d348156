package dev.vae.core;

import com.google.inject.Guice;
import dev.vae.api.FeatureShape;
import dev.vae.api.ValueRange;
import dev.vae.api.spi.Likelihood;
import dev.vae.core.data.ImageSet;
import dev.vae.core.data.Standardization;
import dev.vae.core.graph.VaeGraph;
import dev.vae.core.logging.QuietNd4j;
import dev.vae.core.plugin.DiscoveredPlugins;
import dev.vae.core.plugin.PluginCatalog;
import dev.vae.core.plugin.PluginException;
import dev.vae.core.plugin.PluginLayer;
import dev.vae.core.plugin.PluginModule;
import dev.vae.core.training.Trainer;
import jakarta.inject.Inject;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * The library's entry point: trains models from a {@link VaeConfig} with whatever plugins are
 * installed, and loads saved ones.
 *
 * <pre>{@code
 * Vae vae = Vae.create();
 * DataSplit data = DataSplit.embedded();
 * TrainedVae model = vae.train(VaeConfig.builder().epochs(10).build(), data.train(), data.test(),
 *         stats -> System.out.println(stats), List.of(new EarlyStopping(3)));
 * model.save(Path.of("model.vae"));
 * }</pre>
 */
public final class Vae {
    static {
        // Before this library first loads ND4J: no banner for a library's user (see QuietNd4j).
        QuietNd4j.apply();
    }

    private final PluginCatalog plugins;

    @Inject
    Vae(PluginCatalog plugins) {
        this.plugins = plugins;
    }

    /**
     * A framework over the plugins that the module graph provides.
     *
     * @throws PluginException if two plugins of one kind share a name or one fails to load
     */
    public static Vae create() {
        return create(DiscoveredPlugins.find());
    }

    /**
     * A framework over the plugins that the module graph provides and those of the jars in the
     * folders, loaded as a module layer (see {@link PluginLayer}); with no folders, {@link #create()}.
     *
     * @throws PluginException if a folder or jar cannot be loaded, a plugin was built against an
     *     incompatible vae-api, two plugins of one kind share a name, or one fails to load
     */
    public static Vae create(List<Path> pluginFolders) {
        if (pluginFolders.isEmpty()) {
            return create();
        }
        return create(DiscoveredPlugins.find(PluginLayer.of(pluginFolders)));
    }

    /** A framework over the given plugins, bound by name with Guice. */
    public static Vae create(DiscoveredPlugins plugins) {
        return Guice.createInjector(new PluginModule(plugins)).getInstance(Vae.class);
    }

    /** The installed plugins. */
    public PluginCatalog plugins() {
        return plugins;
    }

    /**
     * Trains a new model.
     *
     * @param train the images to fit, values in the range the likelihood expects (once standardized, for a
     *     configuration that standardizes)
     * @param validation images to report the NELBO on after each epoch; the same size as {@code train}'s
     * @param listener told about each finished epoch
     * @throws IllegalArgumentException for an unknown plugin, bad plugin parameters or mismatched data
     * @throws TrainingDivergedException if the loss stops being finite or blows up
     */
    public TrainedVae train(VaeConfig config, ImageSet train, ImageSet validation, TrainingListener listener) {
        return start(config, train, validation).fit(listener);
    }

    /**
     * Trains a new model with callbacks, told about each finished epoch, any of which may end training
     * there (such as {@link EarlyStopping}).
     *
     * @throws IllegalArgumentException for an unknown plugin, bad plugin parameters or mismatched data
     * @throws TrainingDivergedException if the loss stops being finite or blows up
     */
    public TrainedVae train(VaeConfig config, ImageSet train, ImageSet validation, TrainingListener listener,
                            List<? extends TrainingCallback> callbacks) {
        return start(config, train, validation).fit(listener, callbacks);
    }

    /**
     * Trains a new model on plain rows of values, one example per row, with no labels or image shape
     * ({@link ImageSet#unlabelled}), reporting the NELBO of the validation rows after each epoch.
     *
     * @param train shape [N, D], values in the range the likelihood expects
     * @param validation shape [M, D]
     * @throws IllegalArgumentException for a condition on labels, an unknown plugin, bad plugin
     *     parameters, or rows that are not matrices of the same width
     * @throws TrainingDivergedException if the loss stops being finite or blows up
     */
    public TrainedVae fit(VaeConfig config, INDArray train, INDArray validation, TrainingListener listener,
                          List<? extends TrainingCallback> callbacks) {
        if (config.condition().kind() == Condition.Kind.LABELS) {
            throw new IllegalArgumentException("rows without labels cannot train a model conditioned on labels; "
                    + "condition on columns, or train on an ImageSet with its labels");
        }
        return train(config, ImageSet.unlabelled(train), ImageSet.unlabelled(validation), listener, callbacks);
    }

    /**
     * {@link #fit(VaeConfig, INDArray, INDArray, TrainingListener, List)} without validation rows: the
     * NELBO reported after each epoch, and watched by any early stopping, is the training rows'.
     */
    public TrainedVae fit(VaeConfig config, INDArray train, TrainingListener listener,
                          List<? extends TrainingCallback> callbacks) {
        return fit(config, train, train, listener, callbacks);
    }

    /**
     * A new training run, not yet started: {@link TrainingRun#fit} trains it, and can be stopped,
     * checkpointed and resumed.
     *
     * @throws IllegalArgumentException for an unknown plugin, bad plugin parameters or mismatched data
     */
    public TrainingRun start(VaeConfig config, ImageSet train, ImageSet validation) {
        return start(config, train, validation, Trainer.defaultThreads());
    }

    /**
     * The thread count a training run uses unless told otherwise: the cores, at most two, divided by
     * the OpenMP threads each op may use ({@code OMP_NUM_THREADS}), so that a user's setting wins.
     * Two at most, so that a run gives the same bits on any machine of two cores or more.
     */
    public static int defaultThreads() {
        return Trainer.defaultThreads();
    }

    /**
     * A new training run whose steps split each batch into {@code threads} parts, each computed on
     * its own thread; a run's results are the same, bit for bit, for a given thread count. A run
     * resumed from a checkpoint keeps its count.
     *
     * @throws IllegalArgumentException for an unknown plugin, bad plugin parameters, mismatched data
     *     or a thread count below 1
     */
    public TrainingRun start(VaeConfig config, ImageSet train, ImageSet validation, int threads) {
        if (threads < 1) {
            throw new IllegalArgumentException("a training run needs at least 1 thread, got " + threads);
        }
        checkShapes(train, validation);
        Condition condition = config.condition();
        int columns = condition.dataWidth(train.cols());
        int values = Math.multiplyExact(train.rows(), columns);
        INDArray trainRows = condition.rows(train);
        INDArray validationRows = condition.rows(validation);
        VaeGraph graph = newGraph(config, VaeGraph.dataShape(train.rows(), columns), DataType.FLOAT);
        Optional<Standardization> standardization = config.standardize()
                ? Optional.of(Standardization.fit(trainRows, values)) : Optional.empty();
        checkSupport(graph.components().likelihood(), standardized(standardization, trainRows, values), "training");
        checkSupport(graph.components().likelihood(), standardized(standardization, validationRows, values),
                "validation");
        return TrainingRun.start(graph, standardization, train, validation, threads);
    }

    /**
     * A run continued from a checkpoint written by {@link TrainingRun#saveCheckpoint}, on the data it
     * was trained on.
     *
     * @throws ModelFileException if the file is not a checkpoint or is corrupt
     * @throws IllegalArgumentException if the data differ from the run's
     */
    public TrainingRun resume(Path checkpoint, ImageSet train, ImageSet validation) throws IOException {
        checkShapes(train, validation);
        return TrainingRun.resume(checkpoint, ModelFile.readContents(checkpoint, plugins), train, validation);
    }

    private static void checkShapes(ImageSet train, ImageSet validation) {
        if (train.rows() != validation.rows() || train.cols() != validation.cols()) {
            throw new IllegalArgumentException("validation images are " + validation.rows() + "x" + validation.cols()
                    + "; the training images are " + train.rows() + "x" + train.cols());
        }
    }

    /** x of rows [x, c], as the model reads it. */
    private static INDArray standardized(Optional<Standardization> standardization, INDArray rows, int values) {
        return dataValues(standardization.map(s -> s.apply(rows)).orElse(rows), values);
    }

    /** x of rows [x, c]. */
    private static INDArray dataValues(INDArray rows, int values) {
        return rows.columns() == values ? rows : rows.get(NDArrayIndex.all(), NDArrayIndex.interval(0, values));
    }

    /**
     * The components that {@link #train} would build for images of this shape (the columns before a
     * condition's are moved out), and their weights.
     *
     * @throws IllegalArgumentException for an unknown plugin, bad plugin parameters, or networks
     *     that cannot take data of this shape
     */
    public ModelSummary summarize(VaeConfig config, int imageRows, int imageCols) {
        return newGraph(config, VaeGraph.dataShape(imageRows, config.condition().dataWidth(imageCols)), DataType.FLOAT)
                .summary();
    }

    private static void checkSupport(Likelihood likelihood, INDArray data, String which) {
        ValueRange support = likelihood.support();
        double min = data.minNumber().doubleValue();
        double max = data.maxNumber().doubleValue();
        if (!support.contains(min) || !support.contains(max)) {
            throw new IllegalArgumentException("the " + likelihood.name() + " likelihood needs data values in ["
                    + support.min() + ", " + support.max() + "]; the " + which + " data range from " + min + " to " + max
                    + " (rescale the data or choose another likelihood)");
        }
    }

    /** An untrained model graph with weights drawn from the configuration's seed. */
    VaeGraph newGraph(VaeConfig config, FeatureShape dataShape, DataType type) {
        VaeConfig complete = plugins.complete(config);
        return VaeGraph.initialized(complete, plugins.resolve(complete), dataShape, type,
                SeededRandom.of(complete.seed()));
    }

    /**
     * Loads a model written by {@link TrainedVae#save}.
     *
     * @throws ModelFileException if the file is not a model, is corrupt, has another format version,
     *     or names a plugin that is not installed
     */
    public TrainedVae load(Path file) throws IOException {
        return ModelFile.read(file, plugins);
    }
}
