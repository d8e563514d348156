package dev.vae.app.cli;

import dev.vae.app.run.RunFolder;
import dev.vae.app.run.RunMarker;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

/**
 * The options that define a run, as its marker records them, and the check that a resumed run keeps
 * them: a resume must reach what the uninterrupted run would, so it runs with the options the run
 * started with, and refuses others.
 */
final class RecordedOptions {
    /** Where the run goes and how it is continued: not part of what the run computes. */
    private static final Set<String> NOT_RECORDED = Set.of("--resume", "--output", "--overwrite", "--debug", "--quiet",
            "--ui");
    /** What a resume may give anew: where the plugins are, and how much is shown. */
    private static final Set<String> FREE_ON_RESUME = Set.of("--resume", "--plugin-path", "--debug", "--quiet",
            "--ui");

    private RecordedOptions() {
    }

    /** The options the user gave to {@code vae train}, paths made absolute. */
    static List<String> of(CommandSpec spec) {
        List<String> args = new ArrayList<>();
        for (OptionSpec option : spec.commandLine().getParseResult().matchedOptions()) {
            String name = option.longestName();
            if (NOT_RECORDED.contains(name)) {
                continue;
            }
            if (option.arity().max() == 0) {
                args.add(name);
                continue;
            }
            for (String value : option.originalStringValues()) {
                args.add(name);
                args.add(isPath(option) ? Path.of(value).toAbsolutePath().normalize().toString() : value);
            }
        }
        return args;
    }

    /**
     * The command as the run in {@code folder} was started, checked against the options given with
     * {@code --resume}.
     *
     * @throws UserError if an option given now differs from the run's, or the marker's options no
     *     longer parse
     */
    static TrainCommand parse(RunFolder folder, CommandSpec current) {
        TrainCommand recorded = new TrainCommand();
        CommandLine cli = new CommandLine(recorded);
        RunMarker marker = folder.marker();
        try {
            cli.parseArgs(marker.args().toArray(String[]::new));
        } catch (CommandLine.ParameterException e) {
            throw new UserError(folder.staging().resolve(RunMarker.FILE) + " records options this vae does not accept ("
                    + e.getMessage() + "); start a new run");
        }
        for (OptionSpec given : current.commandLine().getParseResult().matchedOptions()) {
            if (FREE_ON_RESUME.contains(given.longestName())) {
                continue;
            }
            OptionSpec original = cli.getCommandSpec().findOption(given.longestName());
            if (!Objects.equals(comparable(given.getValue()), comparable(original.getValue()))) {
                throw new UserError("--resume keeps the run's options: " + given.longestName() + " is "
                        + shown(original) + " in the run, not " + shown(given) + "; leave it out or start a new run");
            }
        }
        return recorded;
    }

    private static boolean isPath(OptionSpec option) {
        return option.type() == Path.class || option.auxiliaryTypes()[0] == Path.class;
    }

    private static Object comparable(Object value) {
        if (value instanceof Path path) {
            return path.toAbsolutePath().normalize();
        }
        if (value instanceof List<?> list) {
            return list.stream().map(RecordedOptions::comparable).toList();
        }
        return value;
    }

    private static String shown(OptionSpec option) {
        Object value = option.getValue();
        return value instanceof List<?> list ? String.join(",", list.stream().map(String::valueOf).toList())
                : String.valueOf(value);
    }
}
