package dev.vae.core;

import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Both sides of log p(x) per example from one set of N draws from q, in nats, with
 * w = p(x|z) p(z) / q(z|x) (Burda et al. 2015; Dieng et al. 2017).
 *
 * @param negativeLogLikelihood -log (1/N) sum_n w_n: a stochastic upper bound on -log p(x) that
 *     tightens as N grows, at most the NELBO in expectation; shape [rows]
 * @param chiUpperBound (1/2) log (1/N) sum_n w_n^2, the estimate of CUBO_2 >= log p(x); it is biased
 *     low, so for small N it can fall below log p(x); shape [rows]
 * @param samples N
 */
public record LikelihoodEstimate(INDArray negativeLogLikelihood, INDArray chiUpperBound, int samples) {
}
