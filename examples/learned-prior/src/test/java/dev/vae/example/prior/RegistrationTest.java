package dev.vae.example.prior;

import dev.vae.api.spi.Prior;
import dev.vae.testkit.PluginRegistration;
import org.junit.jupiter.api.Test;

class RegistrationTest {

    @Test
    void theModuleAndItsServicesFileProvideThePriorAndExportNothing() {
        PluginRegistration.of(LearnedNormalPrior.class).provides(Prior.class, LearnedNormalPrior.class).exportsNothing();
    }
}
