package dev.vae.example.beta;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vae.api.spi.Divergence;
import java.io.IOException;
import java.io.InputStream;
import java.lang.module.ModuleDescriptor;
import java.net.URL;
import java.util.ServiceLoader;
import org.junit.jupiter.api.Test;

/** The plugin is found both ways the application looks: META-INF/services and the module descriptor. */
class RegistrationTest {

    @Test
    void serviceLoaderFindsThePluginOnTheClassPath() {
        assertThat(ServiceLoader.load(Divergence.class).stream().map(ServiceLoader.Provider::get))
                .filteredOn(d -> d.name().equals("beta"))
                .singleElement().isInstanceOf(BetaDivergence.class);
    }

    /** Read from the plugin's own classes: on the class path a plain lookup finds a JDK module's first. */
    @Test
    void theModuleDescriptorProvidesTheSameClass() throws IOException {
        URL classes = BetaDivergence.class.getProtectionDomain().getCodeSource().getLocation();
        try (InputStream in = new URL(classes, "module-info.class").openStream()) {
            ModuleDescriptor descriptor = ModuleDescriptor.read(in);
            assertThat(descriptor.name()).isEqualTo("dev.vae.example.beta");
            assertThat(descriptor.provides()).singleElement().satisfies(p -> {
                assertThat(p.service()).isEqualTo(Divergence.class.getName());
                assertThat(p.providers()).containsExactly(BetaDivergence.class.getName());
            });
            assertThat(descriptor.exports()).isEmpty();
        }
    }
}
