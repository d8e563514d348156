package dev.vae.core.graph;

import dev.vae.api.CodePairs;
import dev.vae.api.FeatureShape;
import dev.vae.api.FlowStep;
import dev.vae.api.InferenceNetwork;
import dev.vae.api.LatentLayout;
import dev.vae.api.LatentSample;
import dev.vae.api.LogWeights;
import dev.vae.api.Objective;
import dev.vae.api.PosteriorDraw;
import dev.vae.api.Relaxation;
import dev.vae.api.WeightScope;
import dev.vae.api.WeightValues;
import dev.vae.api.spi.Divergence;
import dev.vae.api.spi.Flow;
import dev.vae.api.support.Densities;
import dev.vae.api.support.LocationScaleFamily;
import dev.vae.api.support.Reductions;
import dev.vae.core.ModelSummary;
import dev.vae.core.VaeConfig;
import dev.vae.core.evaluation.ForwardPlans;
import dev.vae.core.plugin.PluginCatalog;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.Set;
import java.util.function.BiConsumer;
import org.nd4j.autodiff.samediff.SDIndex;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.controlflow.compat.StopGradient;
import org.nd4j.linalg.api.ops.random.impl.GaussianDistribution;
import org.nd4j.linalg.api.rng.Random;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * The model as one SameDiff graph, composed from its components in one place: x and eps are
 * placeholders, so every random draw is an input; encoder network, family, flows, prior, decoder
 * network, likelihood and divergence follow deterministically. Each component builds its part
 * through the same small interface, a {@link dev.vae.api.WeightScope} named by its role, and owns
 * the weights it declares there.
 *
 * <p>The K samples of each example are laid out sample-major: eps is [K, B, noise], z is flattened
 * to [K*B, code] for flows, prior and decoder, and x is tiled K times to match, so that per-code
 * terms reshape back to [K, B] without a transpose.
 *
 * <p>Where the divergence trains the decoder with another objective, the graph decodes the draws
 * twice, once with gradients stopped at the decoder's weights for the divergence's loss and once with
 * them stopped at the draws for the decoder's, and minimizes their sum: each network then descends
 * its own loss in one backward pass. A divergence with weights of its own trained apart, a
 * discriminator's, adds its loss the same way, over the draws with gradients stopped, while the
 * model's loss reads its weights frozen. The parts, {@link #objectives()}, tell the trainer which
 * weights each loss trains.
 *
 * <p>Where q has no density (an implicit family), the NELBO is the divergence's own estimate, and the
 * log-weights are drawn from a Gaussian proposal fed per example instead of from q.
 *
 * <p>With more than one latent layer, the first layer's draw climbs through latent networks (q of
 * each layer given the one below, drawing once per code with its own columns of eps) and each layer
 * below the top is scored by a Gaussian given the one above; the prior scores the top layer and the
 * decoder reads the first.
 *
 * <p>A conditional model's rows of x carry the condition c after the data's values, [x, c]: the
 * encoder reads both, the decoder reads each code with its example's c, and the likelihood scores
 * x alone, so every path that feeds rows of a data set needs nothing else. The placeholder of codes
 * carries [z, c] likewise.
 *
 * <p>Besides the training outputs the graph holds the encoder's output for x alone and the decoder
 * applied to a placeholder of codes, which encoding and decoding read with the same weights.
 */
public final class VaeGraph {
    public static final String X = "x";
    static final String EPS = "eps";
    /** The graph's random inputs besides the family's noise, [K, B, width]: the prior's draws, a proposal's noise. */
    static final String AUXILIARY = "auxiliary";
    public static final String LOSS = "loss";
    public static final String NELBO = "nelbo";
    public static final String LOG_WEIGHTS = "log_weights";
    public static final String BOUND = "bound";
    static final String DECODER_LOSS = "decoder_loss";
    static final String DIVERGENCE_LOSS = "divergence_loss";
    /** The mean and log-variance of a Gaussian proposal per example, [B, 2 * code], for log-weights of an implicit q. */
    static final String PROPOSAL = "proposal";
    static final String OBJECTIVE = "objective";
    static final String ENCODED = "encoded";
    static final String Z = "z";
    static final String CODE = "code";
    static final String DECODED = "decoded";
    static final String TOP_CODE = "top_code";
    static final String DESCENT_NOISE = "descent_noise";
    static final String DESCENDED = "descended";
    private static final int EVAL_ROWS = 1000;

    private final SameDiff sd;
    private final VaeConfig config;
    private final PluginCatalog.Components components;
    /** The family's layout of each latent layer, the data's side first. */
    private final List<LatentLayout> layouts;
    private final LatentLayout layout;
    private final LatentLayout topLayout;
    private final FeatureShape dataShape;
    private final DataType type;
    private final DeclaredWeights weights;
    private final ConditionInputs conditionInputs;
    /** The condition of each code the decoder reads in training, [K*B, C]; empty without a condition. */
    private Optional<SDVariable> codeCondition = Optional.empty();
    private Map<String, INDArray> scheduled = Map.of();
    /** The plans of {@link #perExample}, by output: evaluation after every epoch reuses them. */
    private final Map<String, ForwardPlans> perExamplePlans = new HashMap<>();
    /** How the family relaxes its codes, known once it has drawn them; the decoder's second scoring needs it. */
    private Optional<Relaxation> relaxation = Optional.empty();
    /** The codes of every latent layer, [K*B, width] each, the data's side first; the decoder's second scoring needs them. */
    private List<SDVariable> layerCodes = List.of();
    /** The losses the weights descend, the model's first; known once wired. */
    private List<TrainingObjective> objectives = List.of();

    private VaeGraph(VaeConfig config, PluginCatalog.Components components, FeatureShape dataShape, DataType type,
                     DeclaredWeights.Source source) {
        this.sd = SameDiff.create();
        this.weights = new DeclaredWeights(sd, source);
        this.config = config;
        this.components = components;
        this.layouts = config.latentDims().stream().map(components.sampler()::layout).toList();
        this.layout = layouts.get(0);
        this.topLayout = layouts.get(layouts.size() - 1);
        this.dataShape = dataShape;
        this.type = type;
        this.conditionInputs = new ConditionInputs(sd, dataShape, config.condition().width(),
                components.encoder().readsPlanes(), type);
    }

    /** How data of images of {@code rows} x {@code cols} values look to a network: a vector when one row. */
    public static FeatureShape dataShape(int rows, int cols) {
        return rows == 1 ? FeatureShape.vector(cols) : new FeatureShape(1, rows, cols);
    }

    /** A graph with fresh weights drawn from {@code rng}. */
    public static VaeGraph initialized(VaeConfig config, PluginCatalog.Components components, FeatureShape dataShape,
                                       DataType type, Random rng) {
        return built(config, components, dataShape, type, DeclaredWeights.initial(type, rng), 1);
    }

    /** A graph with saved weights, scheduled scalars at their values of the last epoch. */
    public static VaeGraph restored(VaeConfig config, PluginCatalog.Components components, FeatureShape dataShape,
                                    Map<String, INDArray> weights) {
        return built(config, components, dataShape, DataType.FLOAT, DeclaredWeights.saved(weights, DataType.FLOAT),
                config.epochs());
    }

    /**
     * The shape of every weight the configuration's graph declares, whichever component declares it,
     * in the order {@link #forEachParameter} gives them, found by building the graph with placeholders
     * in place of weights: nothing of a weight's size is allocated.
     *
     * @throws ArithmeticException if a layer would be wider than an int
     */
    public static Map<String, long[]> weightShapes(VaeConfig config, PluginCatalog.Components components,
                                                   FeatureShape dataShape) {
        return built(config, components, dataShape, DataType.FLOAT, DeclaredWeights.shapesOnly(DataType.FLOAT), 1)
                .weights.shapes();
    }

    private static VaeGraph built(VaeConfig config, PluginCatalog.Components components, FeatureShape dataShape,
                                  DataType type, DeclaredWeights.Source source, int epoch) {
        VaeGraph g = new VaeGraph(config, components, dataShape, type, source);
        g.wire();
        g.enterEpoch(epoch);
        return g;
    }

    private void wire() {
        refuseUnsupported();
        SDVariable rows = sd.placeHolder(X, type, -1, conditionInputs.rowWidth());
        SDVariable x = conditionInputs.data(rows);
        codeCondition = conditioned(rows);
        SDVariable eps = sd.placeHolder(EPS, type, config.samples(), -1, noiseWidth());
        SDVariable auxiliary = epsWidth() == noiseWidth() ? null
                : sd.placeHolder(AUXILIARY, type, config.samples(), -1, epsWidth() - noiseWidth());
        SDVariable encoderOut = encoderOutput(rows, weights.scope("encoder"));
        SDVariable encoded = sd.identity(ENCODED, familyColumns(encoderOut));
        Divergence divergence = components.divergence();
        Optional<Divergence> decoderObjective = divergence.decoderObjective();
        LatentSample latent = latent(encoded, encoderOut, eps, decoderObjective.isPresent());
        sd.identity(Z, latent.z());
        SDVariable code = sd.placeHolder(CODE, type, -1, layout.codeWidth() + conditionInputs.width());
        sd.identity(DECODED, decoderNetwork(code, weights.scope("decoder")));
        if (layouts.size() > 1) {
            wireDescent();
        }
        Optional<CodePairs> pairs = codePairs(rows, latent.z(), auxiliary);
        LogWeights terms = logWeights(x, latent, decoderObjective.isPresent(), pairs);
        String name = "divergence " + divergence.name();
        Optional<Objective> own = weights.building(name, () ->
                divergence.ownObjective(weights.scope("divergence"), detachedTerms(terms)));
        WeightScope divergenceScope = own.isPresent() ? weights.frozenScope("divergence") : weights.scope("divergence");
        SDVariable bound = sd.identity(BOUND, weights.building(name, () -> divergence.bound(divergenceScope, terms)));
        boolean density = components.sampler().hasDensity();
        sd.identity(NELBO, density ? terms.elbo().neg() : bound.neg());
        sd.identity(LOG_WEIGHTS, density ? terms.logWeights() : proposalLogWeights(x, auxiliary));
        SDVariable loss = sd.identity(LOSS, weights.building(name, () -> divergence.loss(divergenceScope, terms)));
        List<TrainingObjective> wired = new ArrayList<>(List.of(new TrainingObjective(LOSS, Set.of(), OptionalDouble.empty(), 1)));
        SDVariable objective = loss;
        if (decoderObjective.isPresent()) {
            LogWeights decoderSide = logWeights(x, detached(latent), false, pairs);
            objective = objective.add(sd.identity(DECODER_LOSS, weights.building("divergence "
                    + decoderObjective.get().name(), () -> decoderObjective.get().loss(divergenceScope, decoderSide))));
            wired.add(new TrainingObjective(DECODER_LOSS, generativeRoles(), OptionalDouble.empty(), 1));
        }
        if (own.isPresent()) {
            objective = objective.add(sd.identity(DIVERGENCE_LOSS, own.get().loss()));
            wired.add(new TrainingObjective(DIVERGENCE_LOSS, Set.of("divergence"), own.get().learningRate(),
                    own.get().stepsPerBatch()));
        }
        objectives = List.copyOf(wired);
        if (objectives.size() == 1) {
            sd.setLossVariables(LOSS);
            return;
        }
        sd.identity(OBJECTIVE, objective);
        sd.setLossVariables(OBJECTIVE);
    }

    /** The parts that do not fit together, refused before anything is built, in one line each. */
    private void refuseUnsupported() {
        String sampler = components.sampler().name();
        String divergence = components.divergence().name();
        if (!components.sampler().hasDensity() && components.divergence().needsPosteriorDensity()) {
            throw new IllegalArgumentException("sampler " + sampler + " draws codes without a density, which divergence "
                    + divergence + " reads; train it with a divergence that estimates the KL term itself, such as avb");
        }
        if (!components.sampler().hasDensity() && layouts.size() > 1) {
            throw new IllegalArgumentException("sampler " + sampler + " has no density, which latent layers above the "
                    + "first need; use one latent layer, or a family with a density such as normal");
        }
        if (components.divergence().needsCodePairs() && layouts.size() > 1) {
            throw new IllegalArgumentException("divergence " + divergence + " contrasts codes of one latent layer with the "
                    + "prior's; use one latent layer");
        }
        if (components.divergence().needsCodePairs() && layout.isCategorical()) {
            throw new IllegalArgumentException("divergence " + divergence + " contrasts real codes with the prior's, but "
                    + "sampler " + sampler + " draws relaxed categoricals; choose a real family such as normal");
        }
    }

    /** The roles of the generative model's weights, which a decoder objective trains. */
    private Set<String> generativeRoles() {
        Set<String> roles = new HashSet<>(Set.of("decoder", "prior", "likelihood"));
        for (int layer = 2; layer <= layouts.size(); layer++) {
            roles.add(VaeConfig.latentDecoderRole(layer));
        }
        return Set.copyOf(roles);
    }

    /**
     * The codes of q and draws from the prior, each beside its example (with its condition, if any),
     * where the divergence contrasts them: the prior's draws and standard normal draws are the first
     * columns of the auxiliary draws, filled by {@link #noise}.
     */
    private Optional<CodePairs> codePairs(SDVariable rows, SDVariable z, SDVariable auxiliary) {
        if (!components.divergence().needsCodePairs()) {
            return Optional.empty();
        }
        int width = layout.codeWidth();
        SDVariable priorCodes = auxiliary.get(SDIndex.all(), SDIndex.all(), SDIndex.interval(0, width)).reshape(-1, width);
        SDVariable unitCodes = auxiliary.get(SDIndex.all(), SDIndex.all(), SDIndex.interval(width, 2 * width))
                .reshape(-1, width);
        SDVariable data = config.samples() == 1 ? rows : sd.tile(rows, config.samples(), 1);
        return Optional.of(new CodePairs(data, conditionInputs.rowWidth(), z.reshape(-1, width), priorCodes, unitCodes,
                width));
    }

    /** The same terms with every gradient stopped: what a divergence's own objective reads. */
    private LogWeights detachedTerms(LogWeights terms) {
        LatentSample latent = terms.latent();
        LatentSample stopped = new LatentSample(stopGradient(latent.z()), stopGradient(latent.logPosterior()),
                stopGradient(latent.logPrior()), latent.analyticKl().map(this::stopGradient));
        Optional<CodePairs> pairs = terms.pairs().map(p -> new CodePairs(p.data(), p.dataWidth(),
                stopGradient(p.posteriorCodes()), p.priorCodes(), p.unitCodes(), p.codeWidth()));
        return new LogWeights(stopGradient(terms.logLikelihood()), stopped, terms.samples(), pairs);
    }

    /**
     * log w of draws from a Gaussian proposal in place of an implicit q, [K, B]: z = mean + sigma *
     * eps' with the proposal's mean and log-variance of each example fed as {@link #PROPOSAL}, [B,
     * 2 * code], and eps' the last columns of the auxiliary draws; log w = log p(x|z) + log p(z) -
     * log N(z; mean, sigma^2).
     */
    private SDVariable proposalLogWeights(SDVariable x, SDVariable auxiliary) {
        int width = layout.codeWidth();
        int k = config.samples();
        SDVariable proposal = sd.placeHolder(PROPOSAL, type, -1, 2L * width);
        SDVariable mean = LocationScaleFamily.location(proposal, width).reshape(1, -1, width);
        SDVariable logVariance = LocationScaleFamily.logScale(proposal, width).reshape(1, -1, width);
        int start = epsWidth() - noiseWidth() - width;
        SDVariable unit = auxiliary.get(SDIndex.all(), SDIndex.all(), SDIndex.interval(start, start + width));
        SDVariable z = unit.mul(sd.math.exp(logVariance.mul(0.5))).add(mean);
        SDVariable logProposal = Densities.standardNormal(sd, unit).sub(logVariance.mul(0.5)).sum(2);
        SDVariable codes = z.reshape(-1, width);
        SDVariable logPrior = logPrior(codes, false, Optional.empty());
        SDVariable decodedCodes = decoded(codes, weights.scope("decoder"));
        SDVariable observed = k == 1 ? x : sd.tile(x, k, 1);
        SDVariable logLikelihood = weights.building("likelihood " + components.likelihood().name(), () ->
                components.likelihood().logProb(weights.scope("likelihood"), observed, decodedCodes, dataShape.size()))
                .reshape(k, -1);
        return logLikelihood.add(logPrior).sub(logProposal);
    }

    /**
     * The family's draw, carried through the flows and up the latent layers, and scored by the
     * generative model: z of the first layer, log q of every layer's draw with each flow's
     * log-determinant taken off, log p of the top layer under the prior and of each layer below given
     * the one above, and the closed-form KL where there is one.
     *
     * @param encoderOut the family's parameters, then each flow's context columns in the flows' order
     * @param frozenGenerative whether the prior's and the latent decoders' weights are frozen, as they
     *     are where the decoder follows another objective: they belong to the generative model, and
     *     are then trained with the decoder
     */
    private LatentSample latent(SDVariable encoded, SDVariable encoderOut, SDVariable eps, boolean frozenGenerative) {
        int k = config.samples();
        int width = layout.codeWidth();
        int contextStart = layout.encoderWidth();
        if (layouts.size() > 1 && layout.isCategorical()) {
            throw new IllegalArgumentException("latent layers are Gaussian given the layer above, but sampler "
                    + components.sampler().name() + " draws relaxed categoricals; choose a real family such as normal");
        }
        SDVariable firstNoise = layerNoise(eps, 0);
        PosteriorDraw draw = weights.building("sampler " + components.sampler().name(), () ->
                components.sampler().reparameterize(weights.scope("sampler"), encoded, firstNoise, config.latentDim()));
        SDVariable z = draw.z().reshape(-1, width);
        SDVariable logPosterior = draw.logPosterior();
        for (int i = 0; i < components.flows().size(); i++) {
            Flow flow = components.flows().get(i);
            if (draw.relaxation().isPresent()) {
                throw new IllegalArgumentException("flow " + flow.name() + " transforms real codes, but sampler "
                        + components.sampler().name() + " draws relaxed categoricals; choose a real family such as normal");
            }
            SDVariable in = z;
            String role = VaeConfig.flowRole(i);
            int contextWidth = flow.contextWidth(width);
            SDVariable context = contextWidth == 0 ? null : flowContext(encoderOut, contextStart, contextWidth);
            contextStart += contextWidth;
            FlowStep step = weights.building("flow " + flow.name(), () ->
                    flow.transform(weights.scope(role), in, context, width));
            z = step.z();
            logPosterior = logPosterior.sub(step.logDetJacobian().reshape(k, -1));
        }
        List<SDVariable> codes = new ArrayList<>(List.of(z));
        for (int layer = 2; layer <= layouts.size(); layer++) {
            PosteriorDraw upper = upperDraw(codes.get(layer - 2), eps, layer);
            codes.add(upper.z().reshape(-1, layouts.get(layer - 1).codeWidth()));
            logPosterior = logPosterior.add(upper.logPosterior().reshape(k, -1));
        }
        relaxation = draw.relaxation();
        layerCodes = List.copyOf(codes);
        SDVariable logPrior = generativeLogDensity(codes, frozenGenerative, draw.relaxation());
        Optional<SDVariable> kl = components.closedFormKl().map(closed -> weights.building("closed-form KL of "
                + closed.family() + " and " + closed.prior(), () -> closed.kl(sd, encoded, layout, config.latentDim())));
        return new LatentSample(z.reshape(k, -1, width), logPosterior, logPrior, kl);
    }

    /** The noise of one latent layer, from 0, in eps [K, B, noise]: its columns of the last axis. */
    private SDVariable layerNoise(SDVariable eps, int index) {
        if (layouts.size() == 1) {
            return eps;
        }
        int start = 0;
        for (int i = 0; i < index; i++) {
            start += layouts.get(i).noiseWidth();
        }
        return eps.get(SDIndex.all(), SDIndex.all(), SDIndex.interval(start, start + layouts.get(index).noiseWidth()));
    }

    /**
     * The family's draw of layer {@code layer} (from 2) given the codes of the layer below, [K*B,
     * width]: the latent encoder gives one set of the family's parameters per code, and each draws
     * once, so the noise is laid out as one sample of K*B rows.
     */
    private PosteriorDraw upperDraw(SDVariable below, SDVariable eps, int layer) {
        LatentLayout upper = layouts.get(layer - 1);
        SDVariable params = weights.building("latent network " + components.latentNetwork().name(), () ->
                components.latentNetwork().forward(weights.scope(VaeConfig.latentEncoderRole(layer)), below,
                        FeatureShape.vector(layouts.get(layer - 2).codeWidth()), FeatureShape.vector(upper.encoderWidth())));
        SDVariable noise = layerNoise(eps, layer - 1).reshape(1, -1, upper.noiseWidth());
        return weights.building("sampler " + components.sampler().name(), () -> components.sampler()
                .reparameterize(weights.scope("sampler"), params, noise, config.latentDims().get(layer - 1)));
    }

    /**
     * log p of the codes of every layer, [K, B]: the prior's density of the top layer and, for each
     * layer below, the Gaussian density given the layer above.
     */
    private SDVariable generativeLogDensity(List<SDVariable> codes, boolean frozen, Optional<Relaxation> relaxation) {
        SDVariable logDensity = logPrior(codes.get(codes.size() - 1), frozen, relaxation);
        for (int layer = codes.size(); layer >= 2; layer--) {
            GaussianLayer p = conditional(codes.get(layer - 1), layer, scope(VaeConfig.latentDecoderRole(layer), frozen));
            int width = layouts.get(layer - 2).codeWidth();
            SDVariable below = codes.get(layer - 2);
            logDensity = logDensity.add(Reductions.sum(Densities.normal(sd, below, p.mean(), p.logVariance()), 1, width)
                    .reshape(config.samples(), -1));
        }
        return logDensity;
    }

    /** The mean and log-variance of p(z_{layer-1} | z_layer) for codes of layer {@code layer}, [N, width] each. */
    private GaussianLayer conditional(SDVariable above, int layer, WeightScope scope) {
        int width = layouts.get(layer - 2).codeWidth();
        SDVariable params = weights.building("latent network " + components.latentNetwork().name(), () ->
                components.latentNetwork().forward(scope, above, FeatureShape.vector(layouts.get(layer - 1).codeWidth()),
                        FeatureShape.vector(2 * width)));
        return new GaussianLayer(LocationScaleFamily.location(params, width), LocationScaleFamily.logScale(params, width));
    }

    private record GaussianLayer(SDVariable mean, SDVariable logVariance) {
    }

    private WeightScope scope(String role, boolean frozen) {
        return frozen ? weights.frozenScope(role) : weights.scope(role);
    }

    /**
     * log p(z) of top-layer codes [K*B, codeWidth], shape [K, B]. A prior built from the encoder (the
     * VampPrior) uses the encoder's weights as part of the generative model: where the prior is frozen,
     * so is the encoder inside it, so that the encoder's own loss trains it only through q(z|x).
     */
    private SDVariable logPrior(SDVariable codes, boolean frozen, Optional<Relaxation> relaxation) {
        EncoderInference inference = new EncoderInference(this, scope("encoder", frozen));
        return weights.building("prior " + components.prior().name(), () -> components.prior().logDensity(
                scope("prior", frozen), codes, topLayout, relaxation, inference)).reshape(config.samples(), -1);
    }

    /**
     * Ancestral sampling down the latent layers: codes of the top layer, a placeholder, and standard
     * normal noise for each layer below give the codes of the first layer, which the decoder reads.
     */
    private void wireDescent() {
        SDVariable z = sd.placeHolder(TOP_CODE, type, -1, topLayout.codeWidth());
        SDVariable noise = sd.placeHolder(DESCENT_NOISE, type, -1, descentWidth());
        int start = 0;
        for (int layer = layouts.size(); layer >= 2; layer--) {
            int width = layouts.get(layer - 2).codeWidth();
            GaussianLayer p = conditional(z, layer, weights.scope(VaeConfig.latentDecoderRole(layer)));
            SDVariable unit = noise.get(SDIndex.all(), SDIndex.interval(start, start + width));
            z = unit.mul(sd.math.exp(p.logVariance().mul(0.5))).add(p.mean());
            start += width;
        }
        sd.identity(DESCENDED, z);
    }

    /** The columns of standard normal noise that ancestral sampling from the top layer draws. */
    private int descentWidth() {
        return layouts.subList(0, layouts.size() - 1).stream().mapToInt(LatentLayout::codeWidth).sum();
    }

    /** The columns of the family's noise, every latent layer's. */
    private int noiseWidth() {
        return layouts.stream().mapToInt(LatentLayout::noiseWidth).sum();
    }

    /**
     * The columns of eps: the family's noise, then the prior's draws and as many standard normal ones
     * where the divergence contrasts codes with them, then the standard normal noise of a Gaussian
     * proposal where q has no density.
     */
    private int epsWidth() {
        int width = noiseWidth();
        if (components.divergence().needsCodePairs()) {
            width += 2 * layout.codeWidth();
        }
        if (!components.sampler().hasDensity()) {
            width += layout.codeWidth();
        }
        return width;
    }

    /** The family's parameters for inputs [N, D]: the first columns of the encoder's output. */
    SDVariable encoder(SDVariable in, WeightScope scope) {
        return familyColumns(encoderOutput(in, scope));
    }

    /**
     * The encoder network's whole output for rows [N, D + C], x and its condition: the family's
     * parameters, then the flows' contexts.
     */
    private SDVariable encoderOutput(SDVariable rows, WeightScope scope) {
        SDVariable in = conditionInputs.encoderInput(rows);
        return weights.building("encoder network " + components.encoder().name(), () -> components.encoder().forward(
                scope, in, conditionInputs.encoderShape(), FeatureShape.vector(layout.encoderWidth() + flowContextWidth())));
    }

    /** The condition of rows [B, D + C], tiled K times like x, so that row n is the condition of code n. */
    private Optional<SDVariable> conditioned(SDVariable rows) {
        if (conditionInputs.width() == 0) {
            return Optional.empty();
        }
        SDVariable c = conditionInputs.condition(rows);
        return Optional.of(config.samples() == 1 ? c : sd.tile(c, config.samples(), 1));
    }

    private SDVariable familyColumns(SDVariable encoderOut) {
        return flowContextWidth() == 0 ? encoderOut : encoderOut.get(SDIndex.all(), SDIndex.interval(0, layout.encoderWidth()));
    }

    /**
     * A flow's columns of the encoder's output [B, ...], tiled K times like x, [K*B, width], so that row
     * n is the context of code n in the sample-major rows of z.
     */
    private SDVariable flowContext(SDVariable encoderOut, int start, int width) {
        SDVariable columns = encoderOut.get(SDIndex.all(), SDIndex.interval(start, start + width));
        return config.samples() == 1 ? columns : sd.tile(columns, config.samples(), 1);
    }

    /** The columns of context the flows read from the encoder, beside the family's parameters. */
    private int flowContextWidth() {
        return components.flows().stream().mapToInt(flow -> flow.contextWidth(layout.codeWidth())).reduce(0, Math::addExact);
        }

    /** The decoder's output for the training draws' codes [K*B, codeWidth], with their condition where there is one. */
    private SDVariable decoded(SDVariable codes, WeightScope scope) {
        SDVariable in = codeCondition.map(c -> conditionInputs.joined(codes, layout.codeWidth(), c)).orElse(codes);
        return decoderNetwork(in, scope);
    }

    /** The decoder's output for inputs [N, codeWidth + C], codes and their condition. */
    private SDVariable decoderNetwork(SDVariable codes, WeightScope scope) {
        FeatureShape out = new FeatureShape(Math.multiplyExact(dataShape.channels(),
                components.likelihood().outputsPerDimension()), dataShape.height(), dataShape.width());
        return weights.building("decoder network " + components.decoder().name(), () ->
                components.decoder().forward(scope, codes, FeatureShape.vector(layout.codeWidth() + conditionInputs.width()), out));
    }

    /** The log-weight terms of the draws, with gradients stopped at the decoder's weights if frozen. */
    private LogWeights logWeights(SDVariable x, LatentSample latent, boolean frozenDecoder, Optional<CodePairs> pairs) {
        int k = config.samples();
        SDVariable decoded = decoded(latent.z().reshape(-1, layout.codeWidth()),
                frozenDecoder ? weights.frozenScope("decoder") : weights.scope("decoder"));
        SDVariable observed = k == 1 ? x : sd.tile(x, k, 1);
        SDVariable logLikelihood = weights.building("likelihood " + components.likelihood().name(), () ->
                components.likelihood().logProb(weights.scope("likelihood"), observed, decoded, dataShape.size()))
                .reshape(k, -1);
        return new LogWeights(logLikelihood, latent, k, pairs);
    }

    /**
     * The same draw with gradients stopped before the encoder and the flows, scored again by the prior
     * with its weights live: a loss of it trains only the decoder and the prior.
     */
    private LatentSample detached(LatentSample latent) {
        Optional<Relaxation> stopped = relaxation.map(r ->
                new Relaxation(r.categories(), r.temperature(), stopGradient(r.logCodes())));
        List<SDVariable> codes = layerCodes.stream().map(this::stopGradient).toList();
        return new LatentSample(stopGradient(latent.z()), stopGradient(latent.logPosterior()),
                generativeLogDensity(codes, false, stopped), latent.analyticKl().map(this::stopGradient));
    }

    private SDVariable stopGradient(SDVariable v) {
        return new StopGradient(sd, v).outputVariable();
    }

    /** The output whose gradient trains the decoder's weights: {@link #DECODER_LOSS} if there is one. */
    public String decoderLoss() {
        return components.divergence().decoderObjective().isPresent() ? DECODER_LOSS : LOSS;
    }

    /** The losses the weights descend, the model's first, each over weights no other trains. */
    public List<TrainingObjective> objectives() {
        return objectives;
    }

    /** The index in {@link #objectives()} of the objective that trains this weight. */
    public int objectiveOf(String weight) {
        String role = TrainingObjective.roleOf(weight);
        for (int i = 1; i < objectives.size(); i++) {
            if (objectives.get(i).roles().contains(role)) {
                return i;
            }
        }
        return 0;
    }

    /** Whether the family's draws have a density; if not, log-weights need a {@link #PROPOSAL}. */
    public boolean hasPosteriorDensity() {
        return components.sampler().hasDensity();
    }

    /**
     * A graph output per example for data x, in chunks, with fresh eps for each chunk, through a plan
     * of the graph kept for the next call where the graph can be planned.
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
            INDArray out = perExamplePlans.computeIfAbsent(name, output -> new ForwardPlans(sd, List.of(output)))
                    .output(feed(chunk, noise(end - start, rng))).get(name);
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
        if (epsWidth() == noiseWidth()) {
            feed.put(EPS, eps);
        } else {
            feed.put(EPS, columns(eps, 0, noiseWidth()));
            feed.put(AUXILIARY, columns(eps, noiseWidth(), epsWidth()));
        }
        return feed;
    }

    private static INDArray columns(INDArray eps, int start, int end) {
        return eps.get(NDArrayIndex.all(), NDArrayIndex.all(), NDArrayIndex.interval(start, end)).dup();
    }

    /**
     * {@link #feed(INDArray, INDArray)} with a Gaussian proposal for each example, which the
     * log-weights of a q without a density are drawn from.
     *
     * @param proposal each example's mean and log-variance, [B, 2 * code]
     */
    public Map<String, INDArray> feed(INDArray x, INDArray eps, INDArray proposal) {
        Map<String, INDArray> feed = feed(x, eps);
        feed.put(PROPOSAL, proposal.castTo(type));
        return feed;
    }

    /**
     * Fresh random inputs for a batch of {@code rows} examples, [K, rows, width]: the family's noise,
     * then, where the graph needs them, the prior's draws with standard normal ones, and a proposal's
     * standard normal noise.
     */
    public INDArray noise(long rows, Random rng) {
        INDArray eps = Nd4j.create(type, config.samples(), rows, noiseWidth());
        components.sampler().sampleNoise(eps, rng);
        if (epsWidth() == noiseWidth()) {
            return eps;
        }
        List<INDArray> parts = new ArrayList<>(List.of(eps));
        int width = layout.codeWidth();
        if (components.divergence().needsCodePairs()) {
            INDArray draws = Nd4j.create(type, config.samples() * rows, width);
            components.prior().sample(draws, topLayout, values("prior"), inference(), rng);
            parts.add(draws.reshape(config.samples(), rows, width));
            INDArray unit = Nd4j.create(type, config.samples(), rows, width);
            Nd4j.getExecutioner().exec(new GaussianDistribution(unit, 0.0, 1.0), rng);
            parts.add(unit);
        }
        if (!components.sampler().hasDensity()) {
            INDArray unit = Nd4j.create(type, config.samples(), rows, width);
            Nd4j.getExecutioner().exec(new GaussianDistribution(unit, 0.0, 1.0), rng);
            parts.add(unit);
        }
        return Nd4j.concat(2, parts.toArray(INDArray[]::new));
    }

    /** The encoder's output, the family's parameters, for rows [N, D + C] of data and their condition. */
    public INDArray encode(INDArray x) {
        return sd.output(Map.of(X, x.castTo(type)), ENCODED).get(ENCODED);
    }

    /** The decoder's output, the likelihood's parameters, for codes and their condition, [N, codeWidth + C]. */
    public INDArray decode(INDArray codes) {
        return sd.output(Map.of(CODE, codes.castTo(type)), DECODED).get(DECODED);
    }

    /**
     * Codes of the first latent layer drawn by ancestral sampling from codes of the top layer, [N,
     * width of the top layer]; the codes themselves where there is one layer.
     */
    public INDArray descend(INDArray top, Random rng) {
        if (layouts.size() == 1) {
            return top;
        }
        INDArray noise = Nd4j.create(type, top.rows(), descentWidth());
        Nd4j.getExecutioner().exec(new GaussianDistribution(noise, 0.0, 1.0), rng);
        return sd.output(Map.of(TOP_CODE, top.castTo(type), DESCENT_NOISE, noise), DESCENDED).get(DESCENDED);
    }

    /** The codes the graph draws for data x, after the flows: [K, N, codeWidth]. */
    public INDArray codes(INDArray x, Random rng) {
        return sd.output(feed(x.castTo(type), noise(x.rows(), rng)), Z).get(Z);
    }

    /** The model's encoder and family with the current weights, for drawing from a prior built from them. */
    public InferenceNetwork inference() {
        return new EncoderInference(this, weights.scope("encoder"));
    }

    /** The sampler's scheduled scalars at their current values, by placeholder name. */
    Map<String, INDArray> scheduled() {
        return scheduled;
    }

    /** The current values of the weights one component declared, by the names it declared them with. */
    public WeightValues values(String role) {
        return name -> {
            String full = role + "." + name;
            if (!weights.has(full)) {
                throw new IllegalArgumentException("the " + role + " declared no weight " + name);
            }
            return sd.getArrForVarName(full);
        };
    }

    /** One row per component: its role, its plugin, its output width and the weights it owns. */
    public ModelSummary summary() {
        List<ModelSummary.Layer> rows = new ArrayList<>();
        int code = layout.codeWidth();
        rows.add(row("encoder", "network", components.encoder().name(), layout.encoderWidth() + flowContextWidth()));
        rows.add(row("sampler", "sampler", components.sampler().name(), code));
        for (int i = 0; i < components.flows().size(); i++) {
            rows.add(row(VaeConfig.flowRole(i), "flow", components.flows().get(i).name(), code));
        }
        for (int layer = 2; layer <= layouts.size(); layer++) {
            rows.add(row(VaeConfig.latentEncoderRole(layer), "network", components.latentNetwork().name(),
                    layouts.get(layer - 1).encoderWidth()));
        }
        rows.add(row("prior", "prior", components.prior().name(), topLayout.codeWidth()));
        for (int layer = layouts.size(); layer >= 2; layer--) {
            rows.add(row(VaeConfig.latentDecoderRole(layer), "network", components.latentNetwork().name(),
                    2L * layouts.get(layer - 2).codeWidth()));
        }
        rows.add(row("decoder", "network", components.decoder().name(),
                (long) dataShape.size() * components.likelihood().outputsPerDimension()));
        rows.add(row("likelihood", "likelihood", components.likelihood().name(), dataShape.size()));
        if (weights.count("divergence") > 0) {
            rows.add(row("divergence", "divergence", components.divergence().name(), 1));
        }
        return new ModelSummary(rows);
    }

    private ModelSummary.Layer row(String role, String kind, String plugin, long width) {
        return new ModelSummary.Layer(role, kind + " " + plugin, width, weights.count(role));
    }

    /**
     * A graph of the same model with another number of samples per example, sharing nothing: the
     * weights are copied.
     */
    public VaeGraph withSamples(int samples) {
        Map<String, INDArray> weights = new HashMap<>();
        forEachParameter((name, array) -> weights.put(name, array.dup()));
        return restored(config.toBuilder().samples(samples).build(), components, dataShape, weights);
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

    /** The family's layout of the first latent layer, whose codes the decoder reads. */
    public LatentLayout layout() {
        return layout;
    }

    /** The family's layout of the top latent layer, whose codes the prior is over. */
    public LatentLayout topLayout() {
        return topLayout;
    }

    public FeatureShape dataShape() {
        return dataShape;
    }

    public DataType dataType() {
        return type;
    }
}
