package dev.vae.core;

import dev.vae.api.Posterior;
import dev.vae.core.data.ImageSet;
import dev.vae.core.data.Standardization;
import dev.vae.core.evaluation.ImportanceSampling;
import dev.vae.core.graph.VaeGraph;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.rng.Random;
import org.nd4j.linalg.factory.Nd4j;

/**
 * A trained model: evaluates the bound on new data, encodes, decodes, generates and saves itself.
 * Arrays of examples are [N, D] with D the data dimension (pixels); codes are [N, codeWidth]. A
 * conditional model reads each example with its condition, as rows [N, D + C] ({@link #inputs}
 * builds them from a data set), and decodes and samples given conditions [N, C]. A model trained
 * with {@link VaeConfig#standardize()} reads and returns values in the data's own units: it
 * standardizes what it reads with the statistics it keeps, and undoes that on what it decodes.
 */
public final class TrainedVae {
    private static final int FLOWED_MOMENT_DRAWS = 256;
    /** Where q has no density, the draws of q per example that importance sampling's Gaussian proposal is fitted to. */
    public static final int PROPOSAL_FIT_DRAWS = ImportanceSampling.PROPOSAL_DRAWS;
    private static final long FLOWED_MOMENT_SEED = 1;
    private final VaeGraph graph;
    private final List<EpochStats> history;
    private final int imageRows;
    private final int imageCols;
    private final Optional<Standardization> standardization;

    TrainedVae(VaeGraph graph, List<EpochStats> history, int imageRows, int imageCols,
               Optional<Standardization> standardization) {
        this.graph = graph;
        this.history = List.copyOf(history);
        this.imageRows = imageRows;
        this.imageCols = imageCols;
        this.standardization = standardization;
    }

    /** The configuration the model was built and trained with. */
    public VaeConfig config() {
        return graph.config();
    }

    /** The per-epoch record of training; empty for a model whose file held none. */
    public List<EpochStats> history() {
        return history;
    }

    /** The height of the images the model was trained on. */
    public int imageRows() {
        return imageRows;
    }

    /** The width of the images the model was trained on. */
    public int imageCols() {
        return imageCols;
    }

    /** The mean and scale the model standardizes x with; empty for a model trained without. */
    public Optional<Standardization> standardization() {
        return standardization;
    }

    /** The data dimension D. */
    public int inputDim() {
        return imageRows * imageCols;
    }

    /** What the model is conditioned on; {@link Condition#none()} for a model of p(x). */
    public Condition condition() {
        return config().condition();
    }

    /**
     * The rows this model reads for a data set: its images, or for a conditional model each example
     * followed by its condition.
     *
     * @throws IllegalArgumentException for a label outside the model's classes or a condition column
     *     outside the data
     */
    public INDArray inputs(ImageSet set) {
        return condition().rows(set);
    }

    /** The width of a latent code, which {@link #decode} reads. */
    public int codeWidth() {
        return graph.layout().codeWidth();
    }

    /** The categories of each latent variable where the codes are relaxed categoricals; 0 for real codes. */
    public int codeCategories() {
        return graph.layout().categories();
    }

    /**
     * Whether q(z|x) has a density. Without one (an implicit family), {@link #nelbo} is the
     * divergence's own estimate, with a discriminator in place of log q - log p, and
     * {@link #importanceSample} draws from a Gaussian fitted to q's draws of each example.
     */
    public boolean posteriorHasDensity() {
        return graph.hasPosteriorDensity();
    }

    /**
     * The negative ELBO of each example, with K = samples draws each, in nats; where q has no
     * density, the divergence's estimate of it ({@link #posteriorHasDensity()}). Of a standardized
     * model, the NELBO of the standardized values, as in training: the density of the data's own
     * values differs by the sum of the log-scales, a constant.
     *
     * @param x shape [N, D], in the data's units
     * @param seed fixes the draws of eps
     * @return shape [N]
     */
    public INDArray nelbo(INDArray x, long seed) {
        return graph.perExample(VaeGraph.NELBO, checkedData(x), rng(seed));
    }

    /**
     * The bound that the model's divergence estimates, per example, with K = samples draws each, in
     * nats: the ELBO for {@code kl}, the Renyi bound for {@code alpha}, the CUBO for {@code chi}.
     *
     * @param x shape [N, D], in the data's units
     * @param seed fixes the draws of eps
     * @return shape [N]
     */
    public INDArray bound(INDArray x, long seed) {
        return graph.perExample(VaeGraph.BOUND, checkedData(x), rng(seed));
    }

    /**
     * An importance-sampled estimate of -log p(x) per example, in nats: -log (1/N) sum_n w_n with
     * w = p(x|z) p(z) / q(z|x) and N draws from q (Burda et al. 2015). It is a stochastic upper bound
     * on -log p(x) that tightens as N grows, and at most the NELBO in expectation.
     *
     * @param x shape [rows, D]
     * @param samples N, at least 1
     * @param seed fixes the draws
     * @return shape [rows]
     */
    public INDArray negativeLogLikelihood(INDArray x, int samples, long seed) {
        return importanceSample(x, samples, seed, ImportanceSampling.ROWS_PER_BLOCK, ProgressListener.NONE).negativeLogLikelihood();
    }

    /**
     * The importance-sampled -log p(x) of {@link #negativeLogLikelihood(INDArray, int, long)} and the
     * chi upper bound CUBO_2 from the same draws, in blocks of {@code batchSize} examples, reporting
     * after each. Memory grows with batchSize x min(N, 100) x D, and rows x min(N, 100) x the noise
     * width for the draws of one round. The draws follow the seed block by
     * block, so the same seed with another block size gives another, equally valid, estimate.
     *
     * @param x shape [rows, D]
     * @param samples N, at least 1
     * @param batchSize examples evaluated together, at least 1
     */
    public LikelihoodEstimate importanceSample(INDArray x, int samples, long seed, int batchSize,
                                               ProgressListener listener) {
        return importanceSample(x, samples, seed, batchSize, 1, listener);
    }

    /**
     * {@link #importanceSample(INDArray, int, long, int, ProgressListener)} with blocks evaluated on
     * {@code threads} threads at once; the estimate is the same bit for bit for any thread count.
     *
     * @param threads at least 1; more than the machine's cores only adds contention
     */
    public LikelihoodEstimate importanceSample(INDArray x, int samples, long seed, int batchSize, int threads,
                                               ProgressListener listener) {
        if (samples < 1) {
            throw new IllegalArgumentException("samples must be at least 1, got " + samples);
        }
        if (batchSize < 1) {
            throw new IllegalArgumentException("batch size must be at least 1, got " + batchSize);
        }
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be at least 1, got " + threads);
        }
        return ImportanceSampling.estimate(graph, checkedData(x), samples, batchSize, threads, rng(seed), listener);
    }

    /**
     * The model's figures on examples, as means per example: the NELBO and, from N = samples draws per
     * example, -log p(x) and CUBO_2, all drawn with the seed as {@link #nelbo} and
     * {@link #importanceSample(INDArray, int, long, int, ProgressListener)} draw them.
     *
     * @param x shape [rows, D], values as in training
     * @param samples N, at least 1
     * @throws IllegalArgumentException for data of another width or samples below 1
     */
    public Evaluation evaluate(INDArray x, int samples, long seed) {
        double nelbo = nelbo(x, seed).meanNumber().doubleValue();
        LikelihoodEstimate estimate = importanceSample(x, samples, seed, ImportanceSampling.ROWS_PER_BLOCK,
                ProgressListener.NONE);
        boolean density = posteriorHasDensity();
        return new Evaluation(x.rows(), nelbo,
                density ? Evaluation.NelboEstimate.EXACT_DENSITIES : Evaluation.NelboEstimate.DISCRIMINATOR,
                estimate.negativeLogLikelihood().meanNumber().doubleValue(), samples,
                density ? Evaluation.Proposal.POSTERIOR : Evaluation.Proposal.FITTED_GAUSSIAN,
                estimate.chiUpperBound().meanNumber().doubleValue());
    }

    /**
     * The mean and variance of q(z|x) for each example: exact for a family alone; with flows, or for
     * an implicit family, whose moments have no closed form, the moments of
     * {@value #FLOWED_MOMENT_DRAWS} draws of a fixed seed.
     *
     * @param x shape [N, D], or [N, D + C] for a conditional model
     */
    public Posterior encode(INDArray x) {
        INDArray data = checkedData(x);
        if (graph.components().flows().isEmpty() && graph.hasPosteriorDensity()) {
            return graph.components().sampler().posterior(graph.encode(data), config().latentDim());
        }
        INDArray codes = graph.withSamples(FLOWED_MOMENT_DRAWS).codes(data, rng(FLOWED_MOMENT_SEED));
        return new Posterior(codes.mean(0), codes.var(false, 0));
    }

    /**
     * E[x|z] for each code.
     *
     * @param z shape [N, codeWidth]
     * @return shape [N, D]
     */
    public INDArray decode(INDArray z) {
        requireConditional(false);
        return inDataUnits(graph.components().likelihood().mean(graph.decode(checkedCodes(z))));
    }

    /**
     * E[x|z, c] for each code and its condition, of a conditional model.
     *
     * @param z shape [N, codeWidth]
     * @param condition shape [N, C], or [1, C] for one condition of every code; for a condition on
     *     labels, the one-hot rows that {@link Condition#oneHot} gives
     * @return shape [N, D]
     */
    public INDArray decode(INDArray z, INDArray condition) {
        requireConditional(true);
        INDArray codes = checkedCodes(z).castTo(graph.dataType());
        return inDataUnits(graph.components().likelihood().mean(graph.decode(Nd4j.hstack(codes,
                checkedCondition(condition, z.rows()).castTo(graph.dataType())))));
    }

    private INDArray inDataUnits(INDArray x) {
        return standardization.map(s -> s.undo(x)).orElse(x);
    }

    private INDArray checkedCodes(INDArray z) {
        if (z.rank() != 2 || z.columns() != codeWidth()) {
            throw new IllegalArgumentException("codes must have shape [N, " + codeWidth() + "], got "
                    + java.util.Arrays.toString(z.shape()));
        }
        return z;
    }

    private INDArray checkedCondition(INDArray c, long rows) {
        int width = condition().width();
        if (c.rank() != 2 || c.columns() != width || (c.rows() != rows && c.rows() != 1)) {
            throw new IllegalArgumentException("conditions must have shape [" + rows + ", " + width + "] or [1, " + width
                    + "], got " + java.util.Arrays.toString(c.shape()));
        }
        return c.rows() == rows ? c : Nd4j.tile(c, (int) rows, 1);
    }

    private void requireConditional(boolean conditional) {
        if (condition().present() != conditional) {
            throw new IllegalArgumentException(conditional
                    ? "the model was trained without a condition; decode and sample without one"
                    : "the model is conditioned on " + condition() + "; give a condition of " + condition().width()
                            + " values for each code");
        }
    }

    /**
     * New examples: codes drawn from the prior (of the top layer, and then of each layer below given
     * the one above), decoded to their means.
     *
     * @param count how many, at least 1
     * @return shape [count, D]
     */
    public INDArray sample(int count, long seed) {
        requireConditional(false);
        return decode(priorCodes(count, seed));
    }

    /**
     * New examples of a conditional model given their condition: codes drawn from the prior as
     * {@link #sample(int, long)} draws them, decoded with the condition.
     *
     * @param condition shape [count, C], or [1, C] for one condition of every draw
     * @return shape [count, D]
     */
    public INDArray sample(int count, long seed, INDArray condition) {
        requireConditional(true);
        return decode(priorCodes(count, seed), condition);
    }

    /**
     * Codes drawn from the prior, as {@link #sample(int, long)} draws them before decoding: of the
     * top layer, then of each layer below given the one above.
     *
     * @param count how many, at least 1
     * @return shape [count, codeWidth]
     */
    public INDArray priorCodes(int count, long seed) {
        if (count < 1) {
            throw new IllegalArgumentException("sample count must be at least 1, got " + count);
        }
        Random rng = rng(seed);
        INDArray top = Nd4j.create(graph.dataType(), count, graph.topLayout().codeWidth());
        graph.components().prior().sample(top, graph.topLayout(), graph.values("prior"), graph.inference(), rng);
        return graph.descend(top, rng);
    }

    /** The name of the prior's plugin, such as {@code standard-normal}. */
    public String priorName() {
        return graph.components().prior().name();
    }

    /** The layers and their weight counts. */
    public ModelSummary summary() {
        return graph.summary();
    }

    /**
     * Writes the model to a file, atomically: a file of that name either stays as it was or holds the
     * whole model.
     */
    public void save(Path file) throws IOException {
        ModelFile.write(file, graph, history, imageRows, imageCols, standardization);
    }

    private INDArray checkedData(INDArray x) {
        int width = condition().width();
        if (x.rank() != 2 || x.columns() != inputDim() + width) {
            throw new IllegalArgumentException("data must have shape [N, " + (inputDim() + width) + "]"
                    + (width == 0 ? "" : " (each example's " + inputDim() + " values, then its condition of " + width + ")")
                    + ", got " + java.util.Arrays.toString(x.shape()));
        }
        return standardization.map(s -> s.apply(x)).orElse(x);
    }

    private static Random rng(long seed) {
        return SeededRandom.of(seed);
    }

    VaeGraph graph() {
        return graph;
    }
}
