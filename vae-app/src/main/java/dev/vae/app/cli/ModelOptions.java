package dev.vae.app.cli;

import dev.vae.core.Optimizer;
import dev.vae.core.VaeConfig;
import dev.vae.core.plugin.PluginChoice;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Option;

/** The options that define a model and its optimizer, shared by {@code train} and {@code bench}. */
final class ModelOptions {
    private static final String MLP = "mlp";

    @Option(names = "--batch-size", defaultValue = "100", paramLabel = "B", description = "Examples per step (default: ${DEFAULT-VALUE}).")
    int batchSize;

    @Option(names = "--latent-dim", defaultValue = "2", split = ",", paramLabel = "L[,L...]", hideParamSyntax = true,
            description = "Latent variables; several sizes stack latent layers, the data's side first (20,10: x -> z1 "
                    + "of 20 -> z2 of 10) (default: ${DEFAULT-VALUE}).")
    List<Integer> latentDims;

    @Option(names = "--latent-network", paramLabel = "NAME[:k=v,...]", converter = Converters.PluginChoiceConverter.class,
            description = "Network between latent layers, in q and in p (default: mlp).")
    PluginChoice latentNetwork;

    @Option(names = "--encoder", defaultValue = MLP, paramLabel = "NAME[:k=v,...]",
            converter = Converters.PluginChoiceConverter.class,
            description = "Encoder network plugin (default: ${DEFAULT-VALUE}).")
    PluginChoice encoder;

    @Option(names = "--decoder", defaultValue = MLP, paramLabel = "NAME[:k=v,...]",
            converter = Converters.PluginChoiceConverter.class,
            description = "Decoder network plugin (default: ${DEFAULT-VALUE}).")
    PluginChoice decoder;

    @Option(names = "--hidden-dims", split = ",", paramLabel = "H[,H...]", hideParamSyntax = true,
            description = "Shorthand for mlp:hidden=H,...: the encoder's hidden widths; the decoder mirrors them (default: 256).")
    List<Integer> hiddenDims;

    @Option(names = "--activation", paramLabel = "NAME",
            description = "Shorthand for mlp:activation=NAME in encoder and decoder: relu, tanh, sigmoid, elu, identity "
                    + "(default: relu).")
    String activation;

    @Option(names = "--weight-init", paramLabel = "NAME",
            description = "Shorthand for mlp:init=NAME in encoder and decoder: fan-in-uniform (PyTorch's) or "
                    + "glorot-uniform (Keras') (default: fan-in-uniform).")
    String weightInit;

    @Option(names = "--optimizer", defaultValue = "rmsprop", paramLabel = "NAME",
            description = "rmsprop or adam, with Keras' defaults (default: ${DEFAULT-VALUE}).")
    String optimizer;

    /** 1e-3 is the default of either optimizer; picocli's default could not follow --optimizer. */
    @Option(names = "--learning-rate", defaultValue = "1e-3", paramLabel = "R", description = "The optimizer's step size (default: ${DEFAULT-VALUE}).")
    double learningRate;

    @Option(names = "--seed", defaultValue = "1", paramLabel = "S", description = "Seed of weights, shuffling and noise (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--sampler", defaultValue = "normal", paramLabel = "NAME[:k=v,...]",
            converter = Converters.PluginChoiceConverter.class,
            description = "Variational family plugin (default: ${DEFAULT-VALUE}).")
    PluginChoice sampler;

    @Option(names = "--flow", paramLabel = "NAME[:k=v,...]", converter = Converters.PluginChoiceConverter.class,
            description = "Flow plugin transforming q's draws; repeat to stack flows in order (default: none).")
    List<PluginChoice> flows = new ArrayList<>();

    @Option(names = "--prior", paramLabel = "NAME[:k=v,...]", converter = Converters.PluginChoiceConverter.class,
            description = "Prior plugin (default: the sampler's own, standard-normal for normal and laplace).")
    PluginChoice prior;

    @Option(names = "--likelihood", defaultValue = "bernoulli", paramLabel = "NAME[:k=v,...]",
            converter = Converters.PluginChoiceConverter.class, description = "Likelihood plugin (default: ${DEFAULT-VALUE}).")
    PluginChoice likelihood;

    @Option(names = "--divergence", defaultValue = "kl", paramLabel = "NAME[:k=v,...]",
            converter = Converters.PluginChoiceConverter.class, description = "Divergence plugin (default: ${DEFAULT-VALUE}).")
    PluginChoice divergence;

    @Option(names = "--samples", defaultValue = "1", paramLabel = "K", description = "Draws of z per example (default: ${DEFAULT-VALUE}).")
    int samples;

    /**
     * A configuration builder holding these options; the caller adds the rest and builds.
     *
     * @throws UserError for an mlp shorthand that applies to no network or repeats a parameter
     * @throws IllegalArgumentException for an unknown optimizer
     */
    VaeConfig.Builder builder() {
        VaeConfig.Builder b = VaeConfig.builder().batchSize(batchSize).latentDims(latentDims)
                .encoder(withShorthands(encoder, "--encoder", false)).decoder(withShorthands(decoder, "--decoder", true))
                .optimizer(Optimizer.parse(optimizer)).learningRate(learningRate).seed(seed).sampler(sampler).flows(flows)
                .likelihood(likelihood).divergence(divergence).samples(samples);
        if (prior != null) {
            b.prior(prior);
        }
        if (latentNetwork != null) {
            if (latentDims.size() == 1) {
                throw new UserError("--latent-network joins two latent layers, but --latent-dim gives one; give the "
                        + "layers' sizes, such as --latent-dim 20,10");
            }
            b.latentNetwork(latentNetwork);
        }
        if (shorthands(false).size() > 0 && !encoder.name().equals(MLP) && !decoder.name().equals(MLP)) {
            throw new UserError("--hidden-dims, --activation and --weight-init set parameters of mlp networks, but "
                    + "encoder and decoder are " + encoder.name() + " and " + decoder.name()
                    + "; give those networks' parameters as NAME:key=value");
        }
        return b;
    }

    /** An mlp network with the shorthand options added to its parameters; any other network as it is. */
    private PluginChoice withShorthands(PluginChoice network, String option, boolean mirrored) {
        if (!network.name().equals(MLP)) {
            return network;
        }
        Map<String, String> params = new LinkedHashMap<>(network.params());
        shorthands(mirrored).forEach((key, value) -> {
            if (params.put(key, value) != null) {
                throw new UserError(option + " " + network + " sets " + key + ", which a shorthand option sets too; "
                        + "give it once");
            }
        });
        return new PluginChoice(MLP, params);
    }

    /** The mlp parameters the shorthand options give, the hidden widths reversed for the decoder. */
    private Map<String, String> shorthands(boolean mirrored) {
        Map<String, String> params = new LinkedHashMap<>();
        if (hiddenDims != null) {
            List<Integer> widths = new ArrayList<>(hiddenDims);
            if (mirrored) {
                Collections.reverse(widths);
            }
            params.put("hidden", String.join(",", widths.stream().map(String::valueOf).toList()));
        }
        if (activation != null) {
            params.put("activation", activation);
        }
        if (weightInit != null) {
            params.put("init", weightInit);
        }
        return params;
    }
}
