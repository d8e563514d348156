/**
 * The pieces of a training run: optimizer steps (RMSprop, Adam), shuffled batches, the checks that
 * stop a diverging run and the fingerprint of its data. Internal to the module; {@link dev.vae.core.TrainingRun} drives them.
 */
package dev.vae.core.training;
