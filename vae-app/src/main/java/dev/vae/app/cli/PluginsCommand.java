package dev.vae.app.cli;

import dev.vae.api.ParamSpec;
import dev.vae.api.spi.ClosedFormKl;
import dev.vae.api.spi.Plugin;
import dev.vae.core.plugin.PluginCatalog;
import dev.vae.core.plugin.PluginKind;
import dev.vae.core.plugin.PluginLayer;
import dev.vae.core.plugin.PluginSet;
import java.io.PrintWriter;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** Lists every plugin found, by kind, with its parameters. */
@Command(name = "plugins", mixinStandardHelpOptions = true,
        description = "List the installed plugins of every kind (networks, samplers, flows, priors, likelihoods, "
                + "divergences) with their parameters and modules, and the closed-form KLs.")
final class PluginsCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    PluginPathOption plugins = new PluginPathOption();

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PluginCatalog catalog = plugins.vae().plugins();
        for (PluginKind<?> kind : PluginKind.ALL) {
            list(out, kind.title() + " (" + kind.options() + ")", catalog.of(kind));
        }
        out.println("Closed-form KLs (used where family and prior match, no flow is chosen and there is one latent layer)");
        catalog.closedFormKls().stream()
                .sorted(Comparator.comparing(ClosedFormKl::family).thenComparing(ClosedFormKl::prior))
                .forEach(kl -> out.printf("  %-14s %-20s [%s]%n", kl.family(), kl.prior(), PluginLayer.moduleOf(kl)));
        return ExitCodes.OK;
    }

    private static <T extends Plugin<T>> void list(PrintWriter out, String title, PluginSet<T> plugins) {
        out.println(title);
        for (T plugin : plugins.all()) {
            out.printf("  %-20s %s [%s]%n", plugin.name(), plugin.description(), PluginLayer.moduleOf(plugin));
            List<ParamSpec> params = plugin.parameters();
            for (ParamSpec p : params) {
                out.printf("  %20s   %s (%s, default %s, %s %s): %s%n", "", p.name(),
                        p.type().name().toLowerCase(java.util.Locale.ROOT), p.formatDefault(),
                        p.type() == ParamSpec.Type.CHOICE ? "one of" : "range", p.formatRange(), p.description());
            }
        }
        out.println();
    }
}
