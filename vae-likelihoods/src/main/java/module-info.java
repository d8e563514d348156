/** Likelihood plugins: Bernoulli over binary or [0, 1] data. */
module dev.vae.likelihood {
    requires dev.vae.api;

    provides dev.vae.api.spi.Likelihood with dev.vae.likelihood.BernoulliLikelihood;
}
