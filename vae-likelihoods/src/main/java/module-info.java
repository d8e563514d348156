/** Likelihood plugins: Bernoulli over [0, 1] data, Gaussian over real-valued data. */
module dev.vae.likelihood {
    requires dev.vae.api;

    provides dev.vae.api.spi.Likelihood with dev.vae.likelihood.BernoulliLikelihood,
            dev.vae.likelihood.GaussianLikelihood;
}
