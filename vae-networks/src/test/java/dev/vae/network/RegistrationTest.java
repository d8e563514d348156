package dev.vae.network;

import dev.vae.api.spi.Network;
import dev.vae.testkit.PluginRegistration;
import org.junit.jupiter.api.Test;

class RegistrationTest {

    @Test
    void descriptorAndServicesFileProvideEveryNetworkAndNothingIsExported() {
        PluginRegistration.of(MlpNetwork.class)
                .provides(Network.class, MlpNetwork.class, ConvNetwork.class)
                .exportsNothing();
    }
}
