package dev.vae.core.graph;

import dev.vae.api.LatentLayout;
import dev.vae.api.LatentSample;
import dev.vae.api.LogWeights;
import dev.vae.api.spi.Divergence;
import dev.vae.core.ModelSummary;
import dev.vae.core.VaeConfig;
import dev.vae.core.plugin.PluginCatalog;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiConsumer;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.controlflow.compat.StopGradient;
import org.nd4j.linalg.api.rng.Random;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * The model as one SameDiff graph: x and eps are placeholders, so every random draw is an input;
 * encoder, reparameterization, decoder, likelihood and divergence follow deterministically.
 *
 * <p>The K samples of each example are laid out sample-major: eps is [K, B, noise], z is flattened
 * to [K*B, code] for the decoder, and x is tiled K times to match, so that log p(x|z) reshapes back
 * to [K, B] without a transpose.
 *
 * <p>Where the divergence trains the decoder with another objective, the graph decodes the draws
 * twice, once with gradients stopped at the decoder's weights for the divergence's loss and once with
 * them stopped at the draws for the decoder's, and minimizes their sum: each network then descends
 * its own loss in one backward pass.
 */
public final class VaeGraph {
    public static final String X = "x";
    static final String EPS = "eps";
    public static final String LOSS = "loss";
    public static final String NELBO = "nelbo";
    public static final String LOG_WEIGHTS = "log_weights";
    public static final String BOUND = "bound";
    static final String DECODER_LOSS = "decoder_loss";
    static final String OBJECTIVE = "objective";
    private static final int EVAL_ROWS = 1000;

    private final SameDiff sd;
    private final VaeConfig config;
    private final PluginCatalog.Components components;
    private final LatentLayout layout;
    private final Mlp encoder;
    private final Mlp decoder;
    private final DataType type;
    private final DeclaredWeights weights;
    private Map<String, INDArray> scheduled = Map.of();

    private VaeGraph(VaeConfig config, PluginCatalog.Components components, int inputDim, DataType type,
                     DeclaredWeights.Source source) {
        this.sd = SameDiff.create();
        this.weights = new DeclaredWeights(sd, source);
        this.config = config;
        this.components = components;
        this.layout = components.sampler().layout(config.latentDim());
        this.type = type;
        List<Mlp> networks = networks(config, components, inputDim);
        this.encoder = networks.get(0);
        this.decoder = networks.get(1);
    }

    /**
     * The encoder and the decoder that a configuration implies for data of dimension D; the decoder
     * mirrors the encoder's hidden widths.
     *
     * @throws ArithmeticException if a layer would be wider than an int
     */
    static List<Mlp> networks(VaeConfig config, PluginCatalog.Components components, long inputDim) {
        LatentLayout layout = components.sampler().layout(config.latentDim());
        List<Integer> encoderWidths = new ArrayList<>();
        encoderWidths.add(Math.toIntExact(inputDim));
        encoderWidths.addAll(config.hiddenDims());
        encoderWidths.add(layout.encoderWidth());
        List<Integer> decoderWidths = new ArrayList<>();
        decoderWidths.add(layout.codeWidth());
        List<Integer> reversed = new ArrayList<>(config.hiddenDims());
        Collections.reverse(reversed);
        decoderWidths.addAll(reversed);
        decoderWidths.add(Math.toIntExact(Math.multiplyExact(inputDim, components.likelihood().outputsPerDimension())));
        return List.of(new Mlp("encoder", encoderWidths, config.activation()),
                new Mlp("decoder", decoderWidths, config.activation()));
    }

    /** A graph with fresh weights drawn from {@code rng}. */
    public static VaeGraph initialized(VaeConfig config, PluginCatalog.Components components, int inputDim,
                                       DataType type, Random rng) {
        return built(config, components, inputDim, type, DeclaredWeights.initial(type, rng), 1);
    }

    /** A graph with saved weights, scheduled scalars at their values of the last epoch. */
    public static VaeGraph restored(VaeConfig config, PluginCatalog.Components components, int inputDim,
                                    Map<String, INDArray> weights) {
        return built(config, components, inputDim, DataType.FLOAT, DeclaredWeights.saved(weights, DataType.FLOAT),
                config.epochs());
    }

    /**
     * The shape of every weight the configuration's graph declares, the plugins' among them, in the
     * order {@link #forEachParameter} gives them, found by building the graph with placeholders in
     * place of weights: nothing of a weight's size is allocated.
     *
     * @throws ArithmeticException if a layer would be wider than an int
     */
    public static Map<String, long[]> weightShapes(VaeConfig config, PluginCatalog.Components components, long inputDim) {
        return built(config, components, Math.toIntExact(inputDim), DataType.FLOAT,
                DeclaredWeights.shapesOnly(DataType.FLOAT), 1).weights.shapes();
    }

    private static VaeGraph built(VaeConfig config, PluginCatalog.Components components, int inputDim, DataType type,
                                  DeclaredWeights.Source source, int epoch) {
        VaeGraph g = new VaeGraph(config, components, inputDim, type, source);
        g.encoder.declare(g.weights.scope("encoder"), config.weightInit());
        g.decoder.declare(g.weights.scope("decoder"), config.weightInit());
        g.wire();
        g.enterEpoch(epoch);
        return g;
    }

    private void wire() {
        SDVariable x = sd.placeHolder(X, type, -1, encoder.widths().get(0));
        SDVariable eps = sd.placeHolder(EPS, type, config.samples(), -1, layout.noiseWidth());
        Divergence divergence = components.divergence();
        Optional<Divergence> decoderObjective = divergence.decoderObjective();
        SDVariable encoded = encoder.forward(sd, x);
        LatentSample latent = weights.building("sampler " + components.sampler().name(), () ->
                components.sampler().reparameterize(weights.scope("sampler"), encoded, eps, config.latentDim()));
        LogWeights terms = logWeights(x, latent, decoderObjective.isPresent());
        sd.identity(NELBO, terms.elbo().neg());
        sd.identity(LOG_WEIGHTS, terms.logWeights());
        String name = "divergence " + divergence.name();
        sd.identity(BOUND, weights.building(name, () -> divergence.bound(sd, terms)));
        SDVariable loss = sd.identity(LOSS, weights.building(name, () -> divergence.loss(sd, terms)));
        if (decoderObjective.isEmpty()) {
            sd.setLossVariables(LOSS);
            return;
        }
        LogWeights decoderSide = logWeights(x, detached(latent), false);
        SDVariable decoderLoss = sd.identity(DECODER_LOSS, weights.building("divergence " + decoderObjective.get().name(),
                () -> decoderObjective.get().loss(sd, decoderSide)));
        sd.identity(OBJECTIVE, loss.add(decoderLoss));
        sd.setLossVariables(OBJECTIVE);
    }

    /** The log-weight terms of the draws, with gradients stopped at the decoder's weights if frozen. */
    private LogWeights logWeights(SDVariable x, LatentSample latent, boolean frozenDecoder) {
        int k = config.samples();
        SDVariable decoded = decoder.forward(sd, latent.z().reshape(-1, layout.codeWidth()), frozenDecoder);
        SDVariable observed = k == 1 ? x : sd.tile(x, k, 1);
        SDVariable logLikelihood = weights.building("likelihood " + components.likelihood().name(), () ->
                components.likelihood().logProb(weights.scope("likelihood"), observed, decoded, encoder.widths().get(0)))
                .reshape(k, -1);
        return new LogWeights(logLikelihood, latent, k);
    }

    /** The same draw with gradients stopped before the encoder: a loss of it trains only the decoder. */
    private LatentSample detached(LatentSample latent) {
        return new LatentSample(stopGradient(latent.z()), stopGradient(latent.logPosterior()),
                stopGradient(latent.logPrior()), latent.analyticKl().map(this::stopGradient));
    }

    private SDVariable stopGradient(SDVariable v) {
        return new StopGradient(sd, v).outputVariable();
    }

    /** The output whose gradient trains the decoder's weights: {@link #DECODER_LOSS} if there is one. */
    public String decoderLoss() {
        return components.divergence().decoderObjective().isPresent() ? DECODER_LOSS : LOSS;
    }

    /**
     * A graph output per example for data x, in chunks, with fresh eps for each chunk.
     *
     * @param name a per-example output such as {@link #NELBO}
     * @return shape [N]
     */
    public INDArray perExample(String name, INDArray x, Random rng) {
        long n = x.rows();
        INDArray result = Nd4j.create(type, n);
        for (long start = 0; start < n; start += EVAL_ROWS) {
            long end = Math.min(n, start + EVAL_ROWS);
            INDArray chunk = x.get(NDArrayIndex.interval(start, end), NDArrayIndex.all()).castTo(type);
            INDArray out = sd.output(feed(chunk, noise(end - start, rng)), name).get(name);
            result.get(NDArrayIndex.interval(start, end)).assign(out.reshape(end - start));
        }
        return result;
    }

    /** Sets the sampler's scheduled scalars to their values for this epoch, from 1. */
    public void enterEpoch(int epoch) {
        Map<String, INDArray> values = new HashMap<>();
        components.sampler().schedule(epoch).forEach((name, value) -> values.put(name, Nd4j.scalar(type, value)));
        scheduled = Map.copyOf(values);
    }

    /** The placeholder values for a batch: data, noise and the current scheduled scalars. */
    public Map<String, INDArray> feed(INDArray x, INDArray eps) {
        Map<String, INDArray> feed = new HashMap<>(scheduled);
        feed.put(X, x);
        feed.put(EPS, eps);
        return feed;
    }

    /** Fresh eps for a batch of {@code rows} examples. */
    public INDArray noise(long rows, Random rng) {
        INDArray eps = Nd4j.create(type, config.samples(), rows, layout.noiseWidth());
        components.sampler().sampleNoise(eps, rng);
        return eps;
    }

    /** The layers of encoder, latent draw and decoder. */
    public ModelSummary summary() {
        List<ModelSummary.Layer> rows = new ArrayList<>(encoder.summary("dense (q parameters)"));
        rows.add(new ModelSummary.Layer("z", "sampler " + components.sampler().name(), layout.codeWidth(),
                weights.count("sampler")));
        rows.addAll(decoder.summary("dense (" + components.likelihood().name() + " parameters)"));
        if (weights.count("likelihood") > 0) {
            rows.add(new ModelSummary.Layer("x", "likelihood " + components.likelihood().name(), encoder.widths().get(0),
                    weights.count("likelihood")));
        }
        return new ModelSummary(rows);
    }

    /**
     * A graph of the same model with another number of samples per example, sharing nothing: the
     * weights are copied.
     */
    public VaeGraph withSamples(int samples) {
        Map<String, INDArray> weights = new HashMap<>();
        forEachParameter((name, array) -> weights.put(name, array.dup()));
        return restored(config.toBuilder().samples(samples).build(), components, encoder.widths().get(0), weights);
    }

    /** Calls {@code action} with each weight's name and current array, whichever component declared it. */
    public void forEachParameter(BiConsumer<String, INDArray> action) {
        weights.forEach(action);
    }

    public SameDiff sameDiff() {
        return sd;
    }

    public VaeConfig config() {
        return config;
    }

    public PluginCatalog.Components components() {
        return components;
    }

    public LatentLayout layout() {
        return layout;
    }

    public Mlp encoder() {
        return encoder;
    }

    public Mlp decoder() {
        return decoder;
    }

    public DataType dataType() {
        return type;
    }
}
