package dev.vae.core.plugin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vae.api.spi.Likelihood;
import dev.vae.api.spi.Plugin;
import dev.vae.core.Vae;
import dev.vae.core.VaeConfig;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PluginCatalogTest {

    @Test
    void serviceLoaderFindsTheBuiltInPluginsInTheirModules() {
        DiscoveredPlugins found = DiscoveredPlugins.find();

        assertThat(found.of(PluginKind.LIKELIHOOD)).extracting(Plugin::name).contains("bernoulli");
        assertThat(found.of(PluginKind.SAMPLER)).extracting(Plugin::name).contains("normal");
        assertThat(found.of(PluginKind.DIVERGENCE)).extracting(Plugin::name).contains("kl");
        assertThat(found.of(PluginKind.LIKELIHOOD).get(0).getClass().getModule().getName()).isEqualTo("dev.vae.likelihood");
        assertThat(found.of(PluginKind.SAMPLER).get(0).getClass().getModule().getName()).isEqualTo("dev.vae.sampler");
        assertThat(found.of(PluginKind.DIVERGENCE).get(0).getClass().getModule().getName()).isEqualTo("dev.vae.divergence");
        assertThat(found.of(PluginKind.NETWORK)).extracting(Plugin::name).contains("mlp");
        assertThat(found.of(PluginKind.PRIOR)).extracting(Plugin::name).contains("standard-normal", "uniform-categorical");
        assertThat(found.closedFormKls()).extracting(kl -> kl.family() + "/" + kl.prior())
                .contains("normal/standard-normal", "laplace/standard-normal", "gumbel/uniform-categorical");
    }

    @Test
    void theClosedFormKlIsUsedOnlyForItsPairAndWithoutFlows() {
        PluginCatalog catalog = Vae.create().plugins();

        assertThat(catalog.resolve(VaeConfig.builder().build()).closedFormKl()).map(kl -> kl.family() + "/" + kl.prior())
                .contains("normal/standard-normal");
        assertThat(catalog.resolve(VaeConfig.builder().sampler(PluginChoice.of("gumbel")).build()).prior().name())
                .isEqualTo("uniform-categorical");
        assertThat(catalog.resolve(VaeConfig.builder().sampler(PluginChoice.of("gumbel"))
                .prior(PluginChoice.of("standard-normal")).build()).closedFormKl()).isEmpty();
    }

    @Test
    void guiceBindsThemByName() {
        PluginCatalog catalog = Vae.create().plugins();

        assertThat(catalog.of(PluginKind.LIKELIHOOD).select(PluginChoice.of("bernoulli")).name()).isEqualTo("bernoulli");
        assertThat(catalog.of(PluginKind.SAMPLER).select(PluginChoice.of("normal")).name()).isEqualTo("normal");
        assertThat(catalog.of(PluginKind.DIVERGENCE).select(PluginChoice.of("kl")).name()).isEqualTo("kl");
    }

    @Test
    void anUnknownNameFailsListingTheNamesThatExist() {
        PluginCatalog catalog = Vae.create().plugins();

        assertThatThrownBy(() -> catalog.of(PluginKind.DIVERGENCE).select(PluginChoice.of("renyi")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("unknown divergence 'renyi'; available: alpha, avb, chi, kl");
    }

    @Test
    void anUndeclaredParameterFailsNamingWhatThePluginTakes() {
        PluginCatalog catalog = Vae.create().plugins();

        assertThatThrownBy(() -> catalog.of(PluginKind.LIKELIHOOD).select(PluginChoice.parse("bernoulli:scale=2")))
                .hasMessage("likelihood bernoulli has no parameter 'scale'; it takes none");
    }

    @Test
    void twoPluginsOfOneKindWithOneNameAreRefusedNamingBoth() {
        DiscoveredPlugins found = DiscoveredPlugins.find();
        Likelihood bernoulli = found.of(PluginKind.LIKELIHOOD).get(0);

        assertThatThrownBy(() -> found.toBuilder().add(PluginKind.LIKELIHOOD, List.of(bernoulli, bernoulli)).build())
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
        assertThat(PluginChoice.parse("mlp:hidden=512,256,activation=tanh"))
                .isEqualTo(new PluginChoice("mlp", Map.of("hidden", "512,256", "activation", "tanh")));
        assertThatThrownBy(() -> PluginChoice.parse("alpha:alpha")).hasMessageContaining("is not key=value");
        assertThatThrownBy(() -> PluginChoice.parse(":a=1")).hasMessageContaining("names no plugin");
    }
}
