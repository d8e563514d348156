/**
 * Checks of the plugin contracts for a plugin's own tests: registration, a likelihood and a prior
 * that normalize, a prior's draws that follow its density, noise with the right moments, an analytic
 * KL that agrees with Monte Carlo, a flow's log-determinant that agrees with its numerical Jacobian,
 * and graph gradients that agree with central differences. A failed check throws {@link AssertionError} with
 * the numbers, so the kit needs no assertion library and runs on the module path or the class path.
 */
module dev.vae.testkit {
    requires transitive dev.vae.api;

    exports dev.vae.testkit;

    uses dev.vae.api.spi.Network;
    uses dev.vae.api.spi.NoiseSampler;
    uses dev.vae.api.spi.Flow;
    uses dev.vae.api.spi.Prior;
    uses dev.vae.api.spi.Likelihood;
    uses dev.vae.api.spi.Divergence;
    uses dev.vae.api.spi.ClosedFormKl;
}
