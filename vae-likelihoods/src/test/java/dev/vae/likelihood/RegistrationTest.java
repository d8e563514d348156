package dev.vae.likelihood;

import dev.vae.api.spi.Likelihood;
import dev.vae.testkit.PluginRegistration;
import org.junit.jupiter.api.Test;

class RegistrationTest {

    @Test
    void descriptorAndServicesFileProvideBothLikelihoodsAndNothingIsExported() {
        PluginRegistration.of(BernoulliLikelihood.class)
                .provides(Likelihood.class, BernoulliLikelihood.class, GaussianLikelihood.class)
                .exportsNothing();
    }
}
