/** A prior plugin for vae: a diagonal Gaussian whose mean and variances are learned with the model. */
module dev.vae.example.prior {
    requires dev.vae.api;

    provides dev.vae.api.spi.Prior with dev.vae.example.prior.LearnedNormalPrior;
}
