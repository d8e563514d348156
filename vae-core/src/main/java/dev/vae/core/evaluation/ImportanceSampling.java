package dev.vae.core.evaluation;

import dev.vae.core.LikelihoodEstimate;
import dev.vae.core.ProgressListener;
import dev.vae.core.graph.VaeGraph;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.rng.Random;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * -log p(x) by importance sampling from q, and the chi upper bound from the same draws, in blocks of
 * samples and examples so that memory stays bounded for any N: the log-weights of each block are
 * folded into running log-sum-exps. A block decodes {@code min(N, 100)} draws for each of its
 * examples at once.
 */
public final class ImportanceSampling {
    /** Examples per block when the caller has no preference. */
    public static final int ROWS_PER_BLOCK = 100;
    private static final int SAMPLES_PER_BLOCK = 100;
    private static final double CHI_ORDER = 2;

    private ImportanceSampling() {
    }

    /** @param rowsPerBlock examples evaluated together */
    public static LikelihoodEstimate estimate(VaeGraph graph, INDArray x, int samples, int rowsPerBlock, Random rng,
                                              ProgressListener listener) {
        VaeGraph block = graph.withSamples(Math.min(samples, SAMPLES_PER_BLOCK));
        INDArray nll = Nd4j.create(graph.dataType(), x.rows());
        INDArray cubo = Nd4j.create(graph.dataType(), x.rows());
        for (long start = 0; start < x.rows(); start += rowsPerBlock) {
            long end = Math.min(x.rows(), start + rowsPerBlock);
            INDArray rows = x.get(NDArrayIndex.interval(start, end), NDArrayIndex.all()).castTo(graph.dataType());
            LikelihoodEstimate estimate = rowsEstimate(block, rows, samples, rng);
            nll.get(NDArrayIndex.interval(start, end)).assign(estimate.negativeLogLikelihood());
            cubo.get(NDArrayIndex.interval(start, end)).assign(estimate.chiUpperBound());
            listener.progress(end, x.rows());
        }
        return new LikelihoodEstimate(nll, cubo, samples);
    }

    /** -log mean_n w_n and (1/2) log mean_n w_n^2 for a block of rows, over all N samples. */
    private static LikelihoodEstimate rowsEstimate(VaeGraph block, INDArray rows, int samples, Random rng) {
        int perBlock = block.config().samples();
        INDArray logSum = null;
        INDArray logSumSquares = null;
        for (int done = 0; done < samples; done += perBlock) {
            INDArray logW = block.sameDiff().output(block.feed(rows, block.noise(rows.rows(), rng)), VaeGraph.LOG_WEIGHTS)
                    .get(VaeGraph.LOG_WEIGHTS);
            INDArray used = logW.get(NDArrayIndex.interval(0, Math.min(perBlock, samples - done)), NDArrayIndex.all());
            logSum = logAddExp(logSum, logSumExp(used));
            logSumSquares = logAddExp(logSumSquares, logSumExp(used.mul(CHI_ORDER)));
        }
        return new LikelihoodEstimate(logSum.subi(Math.log(samples)).negi(),
                logSumSquares.subi(Math.log(samples)).divi(CHI_ORDER), samples);
    }

    /** log sum over axis 0 of exp, shape [columns]. */
    private static INDArray logSumExp(INDArray values) {
        INDArray max = values.max(0);
        INDArray shifted = values.subRowVector(max);
        return Transforms.log(Transforms.exp(shifted, false).sum(0), false).addi(max);
    }

    /** log(exp(a) + exp(b)); {@code b} alone when there is no {@code a} yet. */
    private static INDArray logAddExp(INDArray a, INDArray b) {
        if (a == null) {
            return b;
        }
        INDArray max = Transforms.max(a, b, true);
        INDArray sum = Transforms.exp(a.sub(max), false).addi(Transforms.exp(b.sub(max), false));
        return Transforms.log(sum, false).addi(max);
    }
}
