package dev.vae.core.plugin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vae.api.spi.Divergence;
import dev.vae.core.Vae;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Plugin folders loaded as a module layer: a plugin compiled here, outside the build, loads beside
 * the built-in ones, and each way a folder can be wrong gives one clear message.
 */
class PluginLayerTest {
    @TempDir
    Path dir;

    private Path folder() throws IOException {
        return Files.createDirectories(dir.resolve("plugins"));
    }

    private static String divergence(String module, String name, String constructorBody) {
        return """
                package %1$s;

                import dev.vae.api.LogWeights;
                import dev.vae.api.ParamValues;
                import dev.vae.api.spi.Divergence;
                import org.nd4j.autodiff.samediff.SDVariable;
                import org.nd4j.autodiff.samediff.SameDiff;

                public final class Plugin implements Divergence {
                    public Plugin() { %3$s }
                    public String name() { return "%2$s"; }
                    public String description() { return "the ELBO under another name"; }
                    public Divergence configure(ParamValues values) { return this; }
                    public SDVariable bound(SameDiff sd, LogWeights weights) { return weights.elbo(); }
                }
                """.formatted(module, name, constructorBody);
    }

    private static Map<String, String> module(String module, String name, String constructorBody) {
        return Map.of(
                "module-info.java", "module " + module + " { requires dev.vae.api; provides dev.vae.api.spi.Divergence with "
                        + module + ".Plugin; }",
                module.replace('.', '/') + "/Plugin.java", divergence(module, name, constructorBody));
    }

    private Path jar(String file, Map<String, String> sources, String... options) throws IOException {
        return PluginJar.build(folder().resolve(file), PluginJar.bootModulePath(), sources, options);
    }

    @Test
    void aPluginFromAFolderLoadsBesideTheBuiltInOnesWithItsVersion() throws IOException {
        jar("tiny.jar", module("test.tiny", "tiny", ""), "--module-version", "2.3.0");

        Vae vae = Vae.create(List.of(folder()));

        assertThat(vae.plugins().of(PluginKind.DIVERGENCE).all()).extracting(Divergence::name).contains("tiny", "kl", "alpha", "chi");
        Divergence tiny = vae.plugins().of(PluginKind.DIVERGENCE).select(PluginChoice.of("tiny"));
        assertThat(PluginLayer.moduleOf(tiny)).isEqualTo("test.tiny@2.3.0");
    }

    @Test
    void anAutomaticModuleWithServiceFilesLoadsToo() throws IOException {
        jar("auto.jar", Map.of("auto/Plugin.java", divergence("auto", "auto", ""),
                "META-INF/services/dev.vae.api.spi.Divergence", "auto.Plugin\n"));

        assertThat(Vae.create(List.of(folder())).plugins().of(PluginKind.DIVERGENCE).all()).extracting(Divergence::name).contains("auto");
    }

    @Test
    void aSecondPluginOfOneNameIsRefusedNamingBothJars() throws IOException {
        jar("other-kl.jar", module("test.kl", "kl", ""));

        assertThatThrownBy(() -> Vae.create(List.of(folder())))
                .isInstanceOf(PluginException.class)
                .hasMessageContaining("two divergence plugins are named 'kl'")
                .hasMessageContaining("other-kl.jar")
                .hasMessageContaining("vae-divergences");
    }

    @Test
    void aProviderThatThrowsIsNamed() throws IOException {
        jar("throws.jar", module("test.throwing", "throwing", "throw new IllegalStateException(\"no licence\");"));

        assertThatThrownBy(() -> Vae.create(List.of(folder())))
                .isInstanceOf(PluginException.class)
                .hasMessageStartingWith("the divergence plugin test.throwing.Plugin (module test.throwing")
                .hasMessageContaining("throws.jar")
                .hasMessageEndingWith("failed to load: java.lang.IllegalStateException: no licence");
    }

    @Test
    void aStaticInitializerThatThrowsIsNamedWithItsCause() throws IOException {
        jar("static.jar", module("test.initializer", "initializer",
                "} static { if (true) { throw new IllegalStateException(\"no licence\"); } } {"));

        assertThatThrownBy(() -> Vae.create(List.of(folder())))
                .isInstanceOf(PluginException.class)
                .hasMessageStartingWith("the divergence plugin test.initializer.Plugin (module test.initializer")
                .hasMessageEndingWith("failed to load: java.lang.IllegalStateException: no licence");
    }

    @Test
    void aNameThatRecursesWithoutEndIsOneLineNamingThePlugin() throws IOException {
        jar("recursive.jar", module("test.recursive", "\" + name() + \"", ""));

        assertThatThrownBy(() -> Vae.create(List.of(folder())))
                .isInstanceOf(PluginException.class)
                .hasMessageStartingWith("the divergence plugin test.recursive.Plugin (module test.recursive")
                .hasMessageEndingWith("failed to load: java.lang.StackOverflowError");
    }

    @Test
    void aPluginBuiltAgainstAnotherVaeApiIsRefusedBeforeItRuns() throws IOException {
        Path api = PluginJar.build(dir.resolve("old-api.jar"), PluginJar.bootModulePath(), Map.of(
                "module-info.java", "module dev.vae.api { exports dev.vae.api.spi; }",
                "dev/vae/api/spi/Divergence.java", "package dev.vae.api.spi; public interface Divergence { }"),
                "--module-version", "0.0.3");
        PluginJar.build(folder().resolve("old.jar"), api.toString(), Map.of(
                "module-info.java", "module test.old { requires dev.vae.api; "
                        + "provides dev.vae.api.spi.Divergence with test.old.Plugin; }",
                "test/old/Plugin.java", "package test.old; public final class Plugin implements dev.vae.api.spi.Divergence { }"));

        assertThatThrownBy(() -> Vae.create(List.of(folder())))
                .isInstanceOf(PluginException.class)
                .hasMessageStartingWith("plugin module test.old (old.jar) was built against vae-api 0.0.3; this is vae-api 0.1.0")
                .hasMessageEndingWith(": rebuild it against 0.1.x");
    }

    @Test
    void aJarThatProvidesNothingIsRefused() throws IOException {
        jar("library.jar", Map.of("lib/Helper.java", "package lib; public final class Helper { }"));

        assertThatThrownBy(() -> Vae.create(List.of(folder())))
                .isInstanceOf(PluginException.class)
                .hasMessageContaining("library.jar provides no plugin: declare its providers of");
    }

    @Test
    void aFileThatIsNotAJarIsRefused() throws IOException {
        Files.writeString(folder().resolve("notes.jar"), "not a zip");

        assertThatThrownBy(() -> Vae.create(List.of(folder())))
                .isInstanceOf(PluginException.class)
                .hasMessageStartingWith("plugin jar " + folder().resolve("notes.jar") + " is not a usable module: ");
    }

    @Test
    void aModuleWhoseDependencyIsMissingDoesNotResolve() throws IOException {
        Path elsewhere = Files.createDirectories(dir.resolve("elsewhere"));
        PluginJar.build(elsewhere.resolve("needed.jar"), PluginJar.bootModulePath(),
                Map.of("module-info.java", "module test.needed { exports needed; }", "needed/N.java", "package needed; public class N { }"));
        Map<String, String> needing = new java.util.HashMap<>(module("test.needing", "needing", "new needed.N();"));
        needing.put("module-info.java", "module test.needing { requires dev.vae.api; requires test.needed; "
                + "provides dev.vae.api.spi.Divergence with test.needing.Plugin; }");
        PluginJar.build(folder().resolve("needing.jar"), PluginJar.bootModulePath() + java.io.File.pathSeparator + elsewhere,
                needing);

        assertThatThrownBy(() -> Vae.create(List.of(folder())))
                .isInstanceOf(PluginException.class)
                .hasMessageStartingWith("the plugin jars in " + folder() + " do not resolve: ")
                .hasMessageContaining("test.needed");
    }

    @Test
    void twoModulesWithOnePackageAreRefused() throws IOException {
        for (String name : new String[] {"a", "b"}) {
            jar(name + ".jar", Map.of(
                    "module-info.java", "module test." + name + " { requires dev.vae.api; "
                            + "provides dev.vae.api.spi.Divergence with shared.Plugin; }",
                    "shared/Plugin.java", divergence("shared", name, "")));
        }

        assertThatThrownBy(() -> Vae.create(List.of(folder())))
                .isInstanceOf(PluginException.class)
                .hasMessageStartingWith("the plugin jars in " + folder() + " cannot be loaded together: ")
                .hasMessageContaining("shared");
    }

    @Test
    void aMissingFolderIsNamed() {
        Path missing = dir.resolve("nowhere");
        assertThatThrownBy(() -> Vae.create(List.of(missing)))
                .isInstanceOf(PluginException.class)
                .hasMessage("plugin folder " + missing + " does not exist or is not a folder");
    }
}
