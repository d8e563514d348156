package dev.vae.prior;

import dev.vae.api.spi.Prior;
import dev.vae.testkit.PluginRegistration;
import org.junit.jupiter.api.Test;

class RegistrationTest {

    @Test
    void descriptorAndServicesFileProvideEveryPriorAndNothingIsExported() {
        PluginRegistration.of(MixturePrior.class)
                .provides(Prior.class, StandardNormalPrior.class, MixturePrior.class, UniformCategoricalPrior.class,
                        VampPrior.class)
                .exportsNothing();
    }
}
