package dev.vae.app.cli;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import dev.vae.core.VaeConfig;
import dev.vae.core.plugin.PluginChoice;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

/**
 * The {@code config.json} of a run read back as {@code vae train} options: its {@code config} object
 * (the model and its training) and its {@code options} object (every other option the run was given,
 * such as its data). Files of runs from before components were plugins, whose {@code config} held
 * {@code hiddenDims}, {@code "activation": "RELU"} and the like, read as the options they stood for.
 */
final class ConfigFile {
    /** The options that the {@code config} object holds, as settings and components. */
    static final Set<String> MODEL_OPTIONS = Set.of("--latent-dim", "--samples", "--batch-size", "--epochs",
            "--optimizer", "--learning-rate", "--seed", "--encoder", "--decoder", "--sampler", "--flow", "--prior",
            "--likelihood", "--divergence", "--latent-network", "--hidden-dims", "--activation", "--weight-init");
    /** Options that say where a run goes rather than what it computes: never read from a file. */
    private static final Set<String> NOT_KEPT = Set.of("--config", "--resume", "--output", "--overwrite", "--debug",
            "--ui");
    /** The mlp parameter each shorthand option sets. */
    private static final Map<String, String> SHORTHANDS = Map.of("--hidden-dims", "hidden", "--activation",
            "activation", "--weight-init", "init");
    private static final Map<String, String> SETTINGS = settings();

    private ConfigFile() {
    }

    private static Map<String, String> settings() {
        Map<String, String> settings = new LinkedHashMap<>();
        settings.put("samples", "--samples");
        settings.put("batchSize", "--batch-size");
        settings.put("epochs", "--epochs");
        settings.put("optimizer", "--optimizer");
        settings.put("learningRate", "--learning-rate");
        settings.put("seed", "--seed");
        return settings;
    }

    /**
     * The options a run was given besides those of its model, for its {@code config.json}: each by its
     * name, with its value as typed, paths made absolute, {@code true} for a flag, a list for an option
     * given more than once.
     */
    static Map<String, Object> otherOptions(CommandSpec spec) {
        Map<String, Object> options = new TreeMap<>();
        List<String> recorded = RecordedOptions.of(spec);
        for (int i = 0; i < recorded.size(); i++) {
            String name = recorded.get(i);
            OptionSpec option = spec.findOption(name);
            boolean flag = option.arity().max() == 0;
            if (MODEL_OPTIONS.contains(name) || NOT_KEPT.contains(name)) {
                i += flag ? 0 : 1;
                continue;
            }
            if (flag) {
                options.put(name, true);
                continue;
            }
            String value = recorded.get(++i);
            Object earlier = options.get(name);
            if (earlier == null) {
                options.put(name, value);
            } else {
                List<Object> values = earlier instanceof List<?> list ? new ArrayList<>(list) : new ArrayList<>(List.of(earlier));
                values.add(value);
                options.put(name, values);
            }
        }
        return options;
    }

    /**
     * Runs {@code vae train} with the file's options less those given on the command line, followed by
     * those, so that the run's marker and config.json record every option it ran with.
     *
     * @return the exit code
     */
    static int train(CommandSpec spec, Path file) {
        List<String> given = new ArrayList<>();
        for (OptionSpec option : spec.commandLine().getParseResult().matchedOptions()) {
            String name = option.longestName();
            if (option.arity().max() == 0) {
                given.add(name);
            } else if (!name.equals("--config")) {
                option.originalStringValues().forEach(value -> given.add(name + "=" + value));
            }
        }
        List<String> args = new ArrayList<>(List.of(spec.name()));
        args.addAll(arguments(file, given.stream().map(arg -> arg.split("=", 2)[0]).collect(Collectors.toSet())));
        args.addAll(given);
        return Main.commandLine(spec.commandLine().getOut(), spec.commandLine().getErr())
                .execute(args.toArray(String[]::new));
    }

    /**
     * The {@code vae train} arguments of a config file, leaving out the options given on the command
     * line, which override the file's.
     *
     * @param given the long names of the options given on the command line
     * @throws UserError if the file cannot be read or is not a run's config.json
     */
    static List<String> arguments(Path file, Set<String> given) {
        JsonObject json = read(file);
        List<String> args = new ArrayList<>();
        try {
            JsonObject config = json.getAsJsonObject("config");
            if (config == null) {
                throw new UserError(file + " has no \"config\" object; expected the config.json of a vae train run");
            }
            settings(config, args);
            if (config.has("components")) {
                components(config.getAsJsonObject("components"), given, args);
            } else {
                legacyComponents(config, args);
            }
            if (json.has("options")) {
                options(json.getAsJsonObject("options"), args);
            }
        } catch (ClassCastException | IllegalStateException | UnsupportedOperationException e) {
            throw new UserError(file + " is not the config.json of a vae train run (" + e.getMessage() + ")");
        }
        return withoutGiven(args, given);
    }

    private static JsonObject read(Path file) {
        try {
            return JsonParser.parseString(Files.readString(file)).getAsJsonObject();
        } catch (IOException e) {
            throw new UserError("cannot read --config " + file + ": "
                    + (e instanceof java.nio.file.NoSuchFileException ? "no such file" : e.getMessage()));
        } catch (JsonParseException | IllegalStateException e) {
            throw new UserError(file + " is not JSON: " + e.getMessage());
        }
    }

    private static void settings(JsonObject config, List<String> args) {
        JsonElement latent = config.has("latentDims") ? config.get("latentDims") : config.get("latentDim");
        if (latent != null) {
            add(args, "--latent-dim", latent.isJsonArray() ? joined(latent.getAsJsonArray()) : latent.getAsString());
        }
        SETTINGS.forEach((key, option) -> {
            if (config.has(key)) {
                add(args, option, config.get(key).getAsString());
            }
        });
    }

    /** Each component as its option; an mlp's parameters that a shorthand given now sets are left to it. */
    private static void components(JsonObject components, Set<String> given, List<String> args) {
        for (Map.Entry<String, JsonElement> e : components.entrySet()) {
            String role = e.getKey();
            PluginChoice choice = PluginChoice.parse(e.getValue().getAsString());
            if (role.equals("encoder") || role.equals("decoder")) {
                choice = withoutShorthands(choice, given);
            }
            if (VaeConfig.latentNetworkLayer(role) > 0) {
                if (args.stream().noneMatch(arg -> arg.startsWith("--latent-network="))) {
                    add(args, "--latent-network", choice.toString());
                }
            } else if (role.startsWith("flow")) {
                add(args, "--flow", choice.toString());
            } else {
                add(args, "--" + role, choice.toString());
            }
        }
    }

    private static PluginChoice withoutShorthands(PluginChoice choice, Set<String> given) {
        Map<String, String> params = new LinkedHashMap<>(choice.params());
        SHORTHANDS.forEach((option, key) -> {
            if (given.contains(option)) {
                params.remove(key);
            }
        });
        return new PluginChoice(choice.name(), params);
    }

    /**
     * The networks, likelihood, family and divergence of a config.json written before components were
     * plugins: enum names such as {@code RELU} and {@code FAN_IN_UNIFORM}, and plugins as objects.
     */
    private static void legacyComponents(JsonObject config, List<String> args) {
        if (config.has("hiddenDims")) {
            add(args, "--hidden-dims", joined(config.getAsJsonArray("hiddenDims")));
        }
        if (config.has("activation")) {
            add(args, "--activation", config.get("activation").getAsString().toLowerCase(Locale.ROOT));
        }
        if (config.has("weightInit")) {
            add(args, "--weight-init", config.get("weightInit").getAsString().toLowerCase(Locale.ROOT).replace('_', '-'));
        }
        for (String role : List.of("sampler", "likelihood", "divergence")) {
            if (config.has(role)) {
                JsonObject plugin = config.getAsJsonObject(role);
                Map<String, String> params = new TreeMap<>();
                if (plugin.has("params")) {
                    plugin.getAsJsonObject("params").entrySet().forEach(p -> params.put(p.getKey(), p.getValue().getAsString()));
                }
                add(args, "--" + role, new PluginChoice(plugin.get("name").getAsString(), params).toString());
            }
        }
    }

    private static void options(JsonObject options, List<String> args) {
        for (Map.Entry<String, JsonElement> e : options.entrySet()) {
            JsonElement value = e.getValue();
            if (value.isJsonPrimitive() && value.getAsJsonPrimitive().isBoolean()) {
                if (value.getAsBoolean()) {
                    args.add(e.getKey());
                }
            } else if (value.isJsonArray()) {
                value.getAsJsonArray().forEach(v -> add(args, e.getKey(), v.getAsString()));
            } else {
                add(args, e.getKey(), value.getAsString());
            }
        }
    }

    /** The arguments less every occurrence of an option given now, or of one a file must not set. */
    private static List<String> withoutGiven(List<String> args, Set<String> given) {
        return args.stream().filter(arg -> {
            String name = arg.contains("=") ? arg.substring(0, arg.indexOf('=')) : arg;
            return !given.contains(name) && !NOT_KEPT.contains(name);
        }).toList();
    }

    /** An option and its value as one argument, so that no value can be taken for an option. */
    private static void add(List<String> args, String option, String value) {
        args.add(option + "=" + value);
    }

    private static String joined(JsonArray values) {
        List<String> texts = new ArrayList<>();
        values.forEach(v -> texts.add(v.getAsString()));
        return texts.stream().collect(Collectors.joining(","));
    }
}
