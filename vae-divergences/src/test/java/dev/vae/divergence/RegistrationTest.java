package dev.vae.divergence;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.lang.module.ModuleDescriptor;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The module descriptor and the class-path services file register the same providers. */
class RegistrationTest {

    @Test
    void descriptorAndServicesFileAgree() throws IOException {
        String service = "dev.vae.api.spi.Divergence";
        List<String> provided = getClass().getModule().getDescriptor().provides().stream()
                .filter(p -> p.service().equals(service)).flatMap(p -> p.providers().stream()).toList();
        try (InputStream in = getClass().getModule().getResourceAsStream("META-INF/services/" + service)) {
            List<String> listed = new String(in.readAllBytes()).lines().map(String::trim).filter(l -> !l.isEmpty()).toList();
            assertThat(listed).containsExactlyInAnyOrderElementsOf(provided);
        }
        assertThat(provided).contains(KlDivergence.class.getName(), AlphaDivergence.class.getName(), ChiDivergence.class.getName());
        assertThat(getClass().getModule().getDescriptor().exports()).extracting(ModuleDescriptor.Exports::source).isEmpty();
    }
}
