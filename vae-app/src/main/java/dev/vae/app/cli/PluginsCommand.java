package dev.vae.app.cli;

import dev.vae.api.ParamSpec;
import dev.vae.api.spi.Plugin;
import dev.vae.core.plugin.PluginLayer;
import dev.vae.core.plugin.PluginSet;
import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** Lists every plugin found, by kind, with its parameters. */
@Command(name = "plugins", mixinStandardHelpOptions = true,
        description = "List the installed likelihoods, samplers and divergences with their parameters and modules.")
final class PluginsCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    PluginPathOption plugins = new PluginPathOption();

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        list(out, "Likelihoods (--likelihood)", plugins.vae().plugins().likelihoods());
        list(out, "Samplers (--sampler)", plugins.vae().plugins().samplers());
        list(out, "Divergences (--divergence)", plugins.vae().plugins().divergences());
        return ExitCodes.OK;
    }

    private static <T extends Plugin<T>> void list(PrintWriter out, String title, PluginSet<T> plugins) {
        out.println(title);
        for (T plugin : plugins.all()) {
            out.printf("  %-12s %s [%s]%n", plugin.name(), plugin.description(), PluginLayer.moduleOf(plugin));
            List<ParamSpec> params = plugin.parameters();
            for (ParamSpec p : params) {
                out.printf("  %12s   %s (%s, default %s, range %s): %s%n", "", p.name(),
                        p.type().name().toLowerCase(java.util.Locale.ROOT), p.formatDefault(), p.formatRange(), p.description());
            }
        }
        out.println();
    }
}
