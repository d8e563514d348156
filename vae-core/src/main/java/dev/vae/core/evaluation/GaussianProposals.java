package dev.vae.core.evaluation;

import dev.vae.core.graph.VaeGraph;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.rng.Random;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * A diagonal Gaussian per example fitted to draws of q(z|x), the proposal that importance sampling
 * draws from where q has no density: its mean and variance are those of {@value #DRAWS} draws. Any
 * proposal keeps the estimate of p(x) unbiased; one close to q is close to the posterior insofar as q
 * is. The variance is kept at {@value #VARIANCE_FLOOR} or more, so that a q that collapses to a point
 * in some direction still gives a proposal with a density.
 */
final class GaussianProposals {
    static final int DRAWS = 256;
    private static final double VARIANCE_FLOOR = 1e-6;
    private static final int ROWS = 100;

    private GaussianProposals() {
    }

    /**
     * Each example's proposal as the graph reads it: the mean, then the log-variance.
     *
     * @param x shape [N, D]
     * @return shape [N, 2 * code]
     */
    static INDArray fit(VaeGraph graph, INDArray x, Random rng) {
        VaeGraph draws = graph.withSamples(DRAWS);
        int width = graph.layout().codeWidth();
        INDArray proposals = Nd4j.create(graph.dataType(), x.rows(), 2L * width);
        for (long start = 0; start < x.rows(); start += ROWS) {
            long end = Math.min(x.rows(), start + ROWS);
            INDArray codes = draws.codes(x.get(NDArrayIndex.interval(start, end), NDArrayIndex.all()), rng);
            INDArray variance = Transforms.max(codes.var(false, 0), VARIANCE_FLOOR, false);
            INDArray rows = proposals.get(NDArrayIndex.interval(start, end), NDArrayIndex.all());
            rows.get(NDArrayIndex.all(), NDArrayIndex.interval(0, width)).assign(codes.mean(0));
            rows.get(NDArrayIndex.all(), NDArrayIndex.interval(width, 2 * width)).assign(Transforms.log(variance, false));
        }
        return proposals;
    }
}
