package dev.vae.example.affine;

import dev.vae.api.spi.Flow;
import dev.vae.testkit.PluginRegistration;
import org.junit.jupiter.api.Test;

class RegistrationTest {

    @Test
    void theModuleAndItsServicesFileProvideTheFlowAndExportNothing() {
        PluginRegistration.of(AffineFlow.class).provides(Flow.class, AffineFlow.class).exportsNothing();
    }
}
