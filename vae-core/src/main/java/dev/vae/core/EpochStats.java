package dev.vae.core;

/**
 * What one epoch of training achieved.
 *
 * @param epoch the epoch's number, from 1
 * @param trainLoss the mean over the epoch's steps of the loss being minimized; for the ELBO, the
 *     training NELBO in nats
 * @param validationNelbo the negative ELBO on the validation images after the epoch, in nats per image
 * @param seconds wall-clock time of the epoch, validation included
 */
public record EpochStats(int epoch, double trainLoss, double validationNelbo, double seconds) {
}
