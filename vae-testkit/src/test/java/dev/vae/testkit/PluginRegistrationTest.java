package dev.vae.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.spi.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Against plugin folders compiled here: two Runnable providers, registered well or badly. */
class PluginRegistrationTest {
    @TempDir
    Path dir;

    /** Compiles module {@code fake.plugin} with providers fake.A and fake.B into a folder. */
    private Path plugin(String moduleBody, String servicesFile) throws IOException {
        Path src = Files.createDirectories(dir.resolve("src/fake"));
        Files.writeString(src.resolve("A.java"), "package fake; public class A implements Runnable { public void run() {} }");
        Files.writeString(src.resolve("B.java"), "package fake; public class B implements Runnable { public void run() {} }");
        Files.writeString(dir.resolve("src/module-info.java"), "module fake.plugin { " + moduleBody + " }");
        Path classes = dir.resolve("classes");
        StringWriter log = new StringWriter();
        List<String> args = new ArrayList<>(List.of("-d", classes.toString(), dir.resolve("src/module-info.java").toString(),
                src.resolve("A.java").toString(), src.resolve("B.java").toString()));
        int rc = ToolProvider.findFirst("javac").orElseThrow().run(new PrintWriter(log), new PrintWriter(log),
                args.toArray(String[]::new));
        assertThat(rc).as(log.toString()).isZero();
        if (servicesFile != null) {
            Path services = Files.createDirectories(classes.resolve("META-INF/services"));
            Files.writeString(services.resolve("java.lang.Runnable"), servicesFile);
        }
        return classes;
    }

    private static Class<? extends Runnable> load(Path classes, String name) throws Exception {
        URLClassLoader loader = new URLClassLoader(new URL[] {classes.toUri().toURL()});
        return loader.loadClass(name).asSubclass(Runnable.class);
    }

    @Test
    void aPluginRegisteredBothWaysPasses() throws Exception {
        Path classes = plugin("provides java.lang.Runnable with fake.A, fake.B;", "# the two\nfake.B\n\nfake.A  # first\n");
        PluginRegistration.at(classes)
                .provides(Runnable.class, load(classes, "fake.A"), load(classes, "fake.B"))
                .exportsNothing();
    }

    @Test
    void aServicesFileThatForgetsAProviderFails() throws Exception {
        Path classes = plugin("provides java.lang.Runnable with fake.A, fake.B;", "fake.A\n");
        assertThatThrownBy(() -> PluginRegistration.at(classes)
                .provides(Runnable.class, load(classes, "fake.A"), load(classes, "fake.B")))
                .isInstanceOf(AssertionError.class)
                .hasMessage("META-INF/services/java.lang.Runnable in " + classes
                        + " lists [fake.A] but module fake.plugin provides [fake.A, fake.B]");
    }

    @Test
    void aDescriptorThatProvidesAnotherSetFails() throws Exception {
        Path classes = plugin("provides java.lang.Runnable with fake.A;", "fake.A\n");
        assertThatThrownBy(() -> PluginRegistration.at(classes)
                .provides(Runnable.class, load(classes, "fake.A"), load(classes, "fake.B")))
                .isInstanceOf(AssertionError.class)
                .hasMessage("module fake.plugin provides java.lang.Runnable with [fake.A], expected [fake.A, fake.B]");
    }

    @Test
    void aMissingServicesFileFails() throws Exception {
        Path classes = plugin("provides java.lang.Runnable with fake.A;", null);
        assertThatThrownBy(() -> PluginRegistration.at(classes).provides(Runnable.class, load(classes, "fake.A")))
                .isInstanceOf(AssertionError.class)
                .hasMessage(classes + " has no META-INF/services/java.lang.Runnable, which the class path and plugin "
                        + "folders need");
    }

    @Test
    void aModuleThatExportsAPackageFails() throws Exception {
        Path classes = plugin("exports fake; provides java.lang.Runnable with fake.A;", "fake.A\n");
        assertThatThrownBy(() -> PluginRegistration.at(classes).exportsNothing())
                .isInstanceOf(AssertionError.class)
                .hasMessage("module fake.plugin exports [fake]; a plugin module exports nothing");
    }

    @Test
    void theKitsOwnModuleIsReadFromItsClassesAndIsNoPlugin() {
        assertThatThrownBy(() -> PluginRegistration.of(PluginRegistration.class).exportsNothing())
                .isInstanceOf(AssertionError.class)
                .hasMessage("module dev.vae.testkit exports [dev.vae.testkit]; a plugin module exports nothing");
    }
}
