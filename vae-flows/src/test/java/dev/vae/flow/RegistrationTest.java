package dev.vae.flow;

import dev.vae.api.spi.Flow;
import dev.vae.testkit.PluginRegistration;
import org.junit.jupiter.api.Test;

class RegistrationTest {

    @Test
    void descriptorAndServicesFileProvideTheThreeFlowsAndNothingIsExported() {
        PluginRegistration.of(PlanarFlow.class).provides(Flow.class, PlanarFlow.class, RadialFlow.class, IafFlow.class)
                .exportsNothing();
    }
}
