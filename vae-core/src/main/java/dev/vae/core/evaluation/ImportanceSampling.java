package dev.vae.core.evaluation;

import dev.vae.core.LikelihoodEstimate;
import dev.vae.core.ProgressListener;
import dev.vae.core.graph.VaeGraph;
import java.util.ArrayList;
import java.util.List;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.rng.Random;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * -log p(x) by importance sampling from q, and the chi upper bound from the same draws, in blocks of
 * samples and examples so that memory stays bounded for any N: the log-weights of each block are
 * folded into running log-sum-exps. A block decodes {@code min(N, 100)} draws for each of its
 * examples at once.
 *
 * <p>Where q has no density, the draws come from a Gaussian per example fitted to q's draws
 * ({@link GaussianProposals}) instead, and the weights are p(x, z) over its density.
 *
 * <p>The draws are made round by round: a round draws the next {@code min(N, 100)} samples of every
 * block of examples, block after block, then evaluates those blocks, on several threads if asked.
 * The order of the draws and of the folding depends on neither the thread count nor the route
 * (plan or session), so the estimate is the same bit for bit whatever the thread count.
 */
public final class ImportanceSampling {
    /** Examples per block when the caller has no preference. */
    public static final int ROWS_PER_BLOCK = 100;
    /** The draws of q per example that a Gaussian proposal is fitted to, where q has no density. */
    public static final int PROPOSAL_DRAWS = GaussianProposals.DRAWS;
    private static final int SAMPLES_PER_BLOCK = 100;
    private static final double CHI_ORDER = 2;

    private ImportanceSampling() {
    }

    /** The estimate on one thread. */
    public static LikelihoodEstimate estimate(VaeGraph graph, INDArray x, int samples, int rowsPerBlock, Random rng,
                                              ProgressListener listener) {
        return estimate(graph, x, samples, rowsPerBlock, 1, rng, listener);
    }

    /**
     * @param rowsPerBlock examples evaluated together
     * @param threads threads that evaluate blocks at the same time, at least 1
     * @throws IllegalArgumentException if threads is below 1
     */
    public static LikelihoodEstimate estimate(VaeGraph graph, INDArray x, int samples, int rowsPerBlock, int threads,
                                              Random rng, ProgressListener listener) {
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be at least 1, got " + threads);
        }
        VaeGraph block = graph.withSamples(Math.min(samples, SAMPLES_PER_BLOCK));
        List<INDArray> rowBlocks = rowBlocks(x, rowsPerBlock, graph);
        List<INDArray> proposalBlocks = graph.hasPosteriorDensity() ? null
                : rowBlocks(GaussianProposals.fit(graph, x, rng), rowsPerBlock, graph);
        int perBlock = block.config().samples();
        int chunks = (samples + perBlock - 1) / perBlock;
        // Enough chunks per round that every thread has a block even when the data is one block.
        int chunksPerRound = Math.max(1, (threads + rowBlocks.size() - 1) / rowBlocks.size());
        LogSums sums = new LogSums(x.rows());
        long total = (long) chunks * rowBlocks.size();
        try (LogWeightWorkers workers = new LogWeightWorkers(block, threads)) {
            for (int chunk = 0; chunk < chunks; chunk += chunksPerRound) {
                int roundEnd = Math.min(chunks, chunk + chunksPerRound);
                List<LogWeightWorkers.Block> round = new ArrayList<>();
                for (int c = chunk; c < roundEnd; c++) {
                    int used = Math.min(perBlock, samples - c * perBlock);
                    for (int b = 0; b < rowBlocks.size(); b++) {
                        INDArray rows = rowBlocks.get(b);
                        INDArray noise = block.noise(rows.rows(), rng);
                        round.add(new LogWeightWorkers.Block(proposalBlocks == null ? block.feed(rows, noise)
                                : block.feed(rows, noise, proposalBlocks.get(b)), used));
                    }
                }
                List<LogSums> parts = workers.run(round);
                for (int i = 0; i < parts.size(); i++) {
                    sums.fold(parts.get(i), (i % rowBlocks.size()) * rowsPerBlock);
                }
                listener.progress((long) x.rows() * roundEnd * rowBlocks.size() / total, x.rows());
            }
        }
        return estimate(sums, samples, graph);
    }

    private static List<INDArray> rowBlocks(INDArray x, int rowsPerBlock, VaeGraph graph) {
        List<INDArray> blocks = new ArrayList<>();
        for (long start = 0; start < x.rows(); start += rowsPerBlock) {
            long end = Math.min(x.rows(), start + rowsPerBlock);
            blocks.add(x.get(NDArrayIndex.interval(start, end), NDArrayIndex.all()).castTo(graph.dataType()));
        }
        return blocks;
    }

    /** -log mean_n w_n and (1/2) log mean_n w_n^2 of each example. */
    private static LikelihoodEstimate estimate(LogSums sums, int samples, VaeGraph graph) {
        double[] nll = new double[sums.rows()];
        double[] cubo = new double[sums.rows()];
        double logN = Math.log(samples);
        for (int r = 0; r < nll.length; r++) {
            nll[r] = -(sums.logSum(r) - logN);
            cubo[r] = (sums.logSumSquares(r) - logN) / CHI_ORDER;
        }
        return new LikelihoodEstimate(Nd4j.createFromArray(nll).castTo(graph.dataType()),
                Nd4j.createFromArray(cubo).castTo(graph.dataType()), samples);
    }
}
