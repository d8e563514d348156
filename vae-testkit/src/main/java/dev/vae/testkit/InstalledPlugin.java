package dev.vae.testkit;

import dev.vae.api.spi.ClosedFormKl;
import dev.vae.api.spi.Plugin;
import java.util.ServiceLoader;

/**
 * A plugin of another module, found as the framework finds it, with {@link ServiceLoader}: for a
 * plugin's tests that need a component it does not provide (a family's test needs a prior), since
 * plugin modules export nothing.
 *
 * <pre>
 * Prior standardNormal = InstalledPlugin.of(Prior.class, "standard-normal");
 * </pre>
 */
public final class InstalledPlugin {

    private InstalledPlugin() {
    }

    /**
     * The installed plugin of this kind and name, with its default parameters.
     *
     * @throws AssertionError if none is on the test's module path
     */
    public static <T extends Plugin<T>> T of(Class<T> kind, String name) {
        return ServiceLoader.load(kind).stream().map(ServiceLoader.Provider::get)
                .filter(p -> p.name().equals(name)).findFirst()
                .orElseThrow(() -> new AssertionError("no " + kind.getSimpleName() + " named '" + name
                        + "' is installed; add its module as a test dependency"));
    }

    /**
     * The installed closed-form KL of this family and prior.
     *
     * @throws AssertionError if none is on the test's module path
     */
    public static ClosedFormKl closedFormKl(String family, String prior) {
        return ServiceLoader.load(ClosedFormKl.class).stream().map(ServiceLoader.Provider::get)
                .filter(kl -> kl.family().equals(family) && kl.prior().equals(prior)).findFirst()
                .orElseThrow(() -> new AssertionError("no closed-form KL of " + family + " and " + prior + " is installed"));
    }
}
