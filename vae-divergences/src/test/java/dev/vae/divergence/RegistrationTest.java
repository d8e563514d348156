package dev.vae.divergence;

import dev.vae.api.spi.Divergence;
import dev.vae.testkit.PluginRegistration;
import org.junit.jupiter.api.Test;

class RegistrationTest {

    @Test
    void descriptorAndServicesFileProvideEveryDivergenceAndNothingIsExported() {
        PluginRegistration.of(KlDivergence.class)
                .provides(Divergence.class, KlDivergence.class, AlphaDivergence.class, ChiDivergence.class,
                        AvbDivergence.class)
                .exportsNothing();
    }
}
