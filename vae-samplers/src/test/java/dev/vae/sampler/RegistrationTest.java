package dev.vae.sampler;

import dev.vae.api.spi.ClosedFormKl;
import dev.vae.api.spi.NoiseSampler;
import dev.vae.testkit.PluginRegistration;
import org.junit.jupiter.api.Test;

class RegistrationTest {

    @Test
    void descriptorAndServicesFileProvideEverySamplerAndNothingIsExported() {
        PluginRegistration.of(NormalSampler.class)
                .provides(NoiseSampler.class, NormalSampler.class, LaplaceSampler.class, GumbelSoftmaxSampler.class,
                        ImplicitSampler.class)
                .provides(ClosedFormKl.class, NormalStandardNormalKl.class, LaplaceStandardNormalKl.class,
                        GumbelUniformKl.class)
                .exportsNothing();
    }
}
