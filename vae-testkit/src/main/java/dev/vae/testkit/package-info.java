/**
 * Contract checks for the tests of a plugin, each a small class that throws {@link AssertionError}
 * with the numbers it compared: {@link dev.vae.testkit.PluginRegistration},
 * {@link dev.vae.testkit.LikelihoodNormalization}, {@link dev.vae.testkit.PriorNormalization},
 * {@link dev.vae.testkit.NoiseMoments}, {@link dev.vae.testkit.KlAgreement},
 * {@link dev.vae.testkit.FlowJacobian} and {@link dev.vae.testkit.GradientCheck}.
 */
package dev.vae.testkit;
