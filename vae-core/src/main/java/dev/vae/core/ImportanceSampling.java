package dev.vae.core;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.rng.Random;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * -log p(x) by importance sampling from q, in blocks of samples and examples so that memory stays
 * bounded for any N: the log-weights of each block are folded into a running log-sum-exp. A block
 * decodes {@code min(N, 100)} draws for each of its examples at once.
 */
final class ImportanceSampling {
    static final int SAMPLES_PER_BLOCK = 100;

    private ImportanceSampling() {
    }

    /**
     * @param rowsPerBlock examples evaluated together
     * @return shape [N]
     */
    static INDArray negativeLogLikelihood(VaeGraph graph, INDArray x, int samples, int rowsPerBlock, Random rng,
                                          ProgressListener listener) {
        VaeGraph block = graph.withSamples(Math.min(samples, SAMPLES_PER_BLOCK));
        INDArray result = Nd4j.create(graph.dataType(), x.rows());
        for (long start = 0; start < x.rows(); start += rowsPerBlock) {
            long end = Math.min(x.rows(), start + rowsPerBlock);
            INDArray rows = x.get(NDArrayIndex.interval(start, end), NDArrayIndex.all()).castTo(graph.dataType());
            result.get(NDArrayIndex.interval(start, end)).assign(rowsEstimate(block, rows, samples, rng));
            listener.progress(end, x.rows());
        }
        return result;
    }

    /** -log mean_n w_n for a block of rows, over all N samples. */
    private static INDArray rowsEstimate(VaeGraph block, INDArray rows, int samples, Random rng) {
        int perBlock = block.config().samples();
        INDArray logSum = null;
        for (int done = 0; done < samples; done += perBlock) {
            INDArray logW = block.sameDiff().output(block.feed(rows, block.noise(rows.rows(), rng)), VaeGraph.LOG_WEIGHTS)
                    .get(VaeGraph.LOG_WEIGHTS);
            int used = Math.min(perBlock, samples - done);
            INDArray blockSum = logSumExp(logW.get(NDArrayIndex.interval(0, used), NDArrayIndex.all()));
            logSum = logSum == null ? blockSum : logAddExp(logSum, blockSum);
        }
        return logSum.subi(Math.log(samples)).negi();
    }

    /** log sum over axis 0 of exp, shape [columns]. */
    private static INDArray logSumExp(INDArray values) {
        INDArray max = values.max(0);
        INDArray shifted = values.subRowVector(max);
        return Transforms.log(Transforms.exp(shifted, false).sum(0), false).addi(max);
    }

    private static INDArray logAddExp(INDArray a, INDArray b) {
        INDArray max = Transforms.max(a, b, true);
        INDArray sum = Transforms.exp(a.sub(max), false).addi(Transforms.exp(b.sub(max), false));
        return Transforms.log(sum, false).addi(max);
    }
}
