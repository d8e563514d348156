package dev.vae.app.cli;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;
import picocli.CommandLine.Spec;

/** The root command: lists the subcommands and prints usage when run without one. */
@Command(name = "vae", mixinStandardHelpOptions = true, versionProvider = VaeCommand.Version.class,
        description = "Variational autoencoders on the JVM: train, evaluate and sample models built from plugins.",
        subcommands = {TrainCommand.class, EvaluateCommand.class, SampleCommand.class, BenchCommand.class,
            PluginsCommand.class, UiCommand.class, CommandLine.HelpCommand.class})
final class VaeCommand implements Callable<Integer> {

    @Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--debug", scope = ScopeType.INHERIT, description = "Show the stack trace of a failure.")
    boolean debug;

    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getOut());
        return ExitCodes.USAGE;
    }

    /** The version the build wrote into {@code version.properties}. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() throws IOException {
            Properties p = new Properties();
            try (InputStream in = VaeCommand.class.getResourceAsStream("version.properties")) {
                p.load(in);
            }
            return new String[] {"vae " + p.getProperty("version"),
                "Java " + Runtime.version() + ", " + System.getProperty("os.name") + " " + System.getProperty("os.arch")};
        }
    }
}
