package dev.vae.core.plugin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vae.api.spi.Likelihood;
import dev.vae.api.spi.Plugin;
import dev.vae.core.Vae;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PluginCatalogTest {

    @Test
    void serviceLoaderFindsTheBuiltInPluginsInTheirModules() {
        DiscoveredPlugins found = DiscoveredPlugins.find();

        assertThat(found.likelihoods()).extracting(Plugin::name).contains("bernoulli");
        assertThat(found.samplers()).extracting(Plugin::name).contains("normal");
        assertThat(found.divergences()).extracting(Plugin::name).contains("kl");
        assertThat(found.likelihoods().get(0).getClass().getModule().getName()).isEqualTo("dev.vae.likelihood");
        assertThat(found.samplers().get(0).getClass().getModule().getName()).isEqualTo("dev.vae.sampler");
        assertThat(found.divergences().get(0).getClass().getModule().getName()).isEqualTo("dev.vae.divergence");
    }

    @Test
    void guiceBindsThemByName() {
        PluginCatalog catalog = Vae.create().plugins();

        assertThat(catalog.likelihoods().select(PluginChoice.of("bernoulli")).name()).isEqualTo("bernoulli");
        assertThat(catalog.samplers().select(PluginChoice.of("normal")).name()).isEqualTo("normal");
        assertThat(catalog.divergences().select(PluginChoice.of("kl")).name()).isEqualTo("kl");
    }

    @Test
    void anUnknownNameFailsListingTheNamesThatExist() {
        PluginCatalog catalog = Vae.create().plugins();

        assertThatThrownBy(() -> catalog.divergences().select(PluginChoice.of("renyi")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("unknown divergence 'renyi'; available: alpha, chi, kl");
    }

    @Test
    void anUndeclaredParameterFailsNamingWhatThePluginTakes() {
        PluginCatalog catalog = Vae.create().plugins();

        assertThatThrownBy(() -> catalog.likelihoods().select(PluginChoice.parse("bernoulli:scale=2")))
                .hasMessage("likelihood bernoulli has no parameter 'scale'; it takes none");
    }

    @Test
    void twoPluginsOfOneKindWithOneNameAreRefusedNamingBoth() {
        DiscoveredPlugins found = DiscoveredPlugins.find();
        Likelihood bernoulli = found.likelihoods().get(0);

        assertThatThrownBy(() -> new DiscoveredPlugins(List.of(bernoulli, bernoulli), found.samplers(),
                found.divergences()))
                .isInstanceOf(PluginException.class)
                .hasMessageMatching("two likelihood plugins are named 'bernoulli': "
                        + "dev\\.vae\\.likelihood\\.BernoulliLikelihood \\(module dev\\.vae\\.likelihood@[^,]+, vae-likelihoods-[^)]+\\.jar\\)"
                        + " and dev\\.vae\\.likelihood\\.BernoulliLikelihood \\(module dev\\.vae\\.likelihood@.*");
    }

    @Test
    void pluginChoicesParseNamesAndParameters() {
        assertThat(PluginChoice.parse("alpha:alpha=0.5,n=2"))
                .isEqualTo(new PluginChoice("alpha", Map.of("alpha", "0.5", "n", "2")));
        assertThat(PluginChoice.parse("kl")).isEqualTo(PluginChoice.of("kl"));
        assertThatThrownBy(() -> PluginChoice.parse("alpha:alpha")).hasMessageContaining("is not key=value");
        assertThatThrownBy(() -> PluginChoice.parse(":a=1")).hasMessageContaining("names no plugin");
    }
}
