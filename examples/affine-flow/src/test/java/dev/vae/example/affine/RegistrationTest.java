package dev.vae.example.radial;

import dev.vae.api.spi.Flow;
import dev.vae.testkit.PluginRegistration;
import org.junit.jupiter.api.Test;

class RegistrationTest {

    @Test
    void theModuleAndItsServicesFileProvideTheFlowAndExportNothing() {
        PluginRegistration.of(RadialFlow.class).provides(Flow.class, RadialFlow.class).exportsNothing();
    }
}
