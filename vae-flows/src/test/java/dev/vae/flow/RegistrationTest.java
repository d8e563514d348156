package dev.vae.flow;

import dev.vae.api.spi.Flow;
import dev.vae.testkit.PluginRegistration;
import org.junit.jupiter.api.Test;

class RegistrationTest {

    @Test
    void descriptorAndServicesFileProvideThePlanarFlowAndNothingIsExported() {
        PluginRegistration.of(PlanarFlow.class).provides(Flow.class, PlanarFlow.class).exportsNothing();
    }
}
