package dev.vae.core;

/**
 * What one epoch of training achieved.
 *
 * @param epoch the epoch's number, from 1
 * @param trainLoss the mean over the epoch's steps of the loss being minimized: the negated bound
 *     of the divergence (the NELBO for {@code kl}), or the bound itself for an upper bound
 * @param trainNelbo the mean over the epoch's steps of the negative ELBO of the training batches, in
 *     nats per image, whatever the divergence trains
 * @param validationNelbo the negative ELBO on the validation images after the epoch, in nats per image
 * @param seconds wall-clock time of the epoch, validation included
 */
public record EpochStats(int epoch, double trainLoss, double trainNelbo, double validationNelbo, double seconds) {
}
