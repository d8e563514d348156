package dev.vae.example.beta;

import dev.vae.api.spi.Divergence;
import dev.vae.testkit.PluginRegistration;
import org.junit.jupiter.api.Test;

/** The plugin is found both ways the application looks: META-INF/services and the module descriptor. */
class RegistrationTest {

    @Test
    void descriptorAndServicesFileProvideTheBetaDivergenceAndNothingIsExported() {
        PluginRegistration.of(BetaDivergence.class)
                .provides(Divergence.class, BetaDivergence.class)
                .exportsNothing();
    }
}
