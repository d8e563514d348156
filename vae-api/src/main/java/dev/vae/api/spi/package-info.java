/**
 * The service provider interfaces that plugins implement: {@link dev.vae.api.spi.Likelihood},
 * {@link dev.vae.api.spi.NoiseSampler} and {@link dev.vae.api.spi.Divergence}, all under the common
 * face {@link dev.vae.api.spi.Plugin}. Implementations are registered with {@code provides ... with}
 * in their module descriptor and found with {@link java.util.ServiceLoader}.
 */
package dev.vae.api.spi;
