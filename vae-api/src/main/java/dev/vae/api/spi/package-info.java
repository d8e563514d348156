/**
 * The service provider interfaces that plugins implement, each a kind of model component chosen by
 * name: {@link dev.vae.api.spi.Network} (encoder and decoder), {@link dev.vae.api.spi.NoiseSampler}
 * (the family of q), {@link dev.vae.api.spi.Flow} (transforms of q's draws),
 * {@link dev.vae.api.spi.Prior}, {@link dev.vae.api.spi.Likelihood} and
 * {@link dev.vae.api.spi.Divergence}, all under the common face {@link dev.vae.api.spi.Plugin};
 * besides them {@link dev.vae.api.spi.ClosedFormKl}, the registry of analytic KLs between a family and
 * a prior. Implementations are registered with {@code provides ... with} in their module descriptor
 * and found with {@link java.util.ServiceLoader}.
 */
package dev.vae.api.spi;
