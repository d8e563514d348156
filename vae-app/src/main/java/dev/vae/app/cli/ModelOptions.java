package dev.vae.app.cli;

import dev.vae.core.Activation;
import dev.vae.core.VaeConfig;
import dev.vae.core.WeightInit;
import dev.vae.core.plugin.PluginChoice;
import java.util.List;
import picocli.CommandLine.Option;

/** The options that define a model and its optimizer, shared by {@code train} and {@code bench}. */
final class ModelOptions {

    @Option(names = "--batch-size", defaultValue = "100", description = "Examples per step (default: ${DEFAULT-VALUE}).")
    int batchSize;

    @Option(names = "--latent-dim", defaultValue = "2", description = "Latent variables (default: ${DEFAULT-VALUE}).")
    int latentDim;

    @Option(names = "--hidden-dims", defaultValue = "256", split = ",", paramLabel = "H[,H...]",
            description = "Hidden layer widths of the encoder; the decoder mirrors them (default: ${DEFAULT-VALUE}).")
    List<Integer> hiddenDims;

    @Option(names = "--activation", defaultValue = "relu", converter = Converters.ActivationConverter.class,
            description = "Hidden nonlinearity: relu, tanh, sigmoid, elu, identity (default: ${DEFAULT-VALUE}).")
    Activation activation;

    @Option(names = "--weight-init", defaultValue = "fan-in-uniform", converter = Converters.WeightInitConverter.class,
            description = "fan-in-uniform (PyTorch's default) or glorot-uniform (Keras') (default: ${DEFAULT-VALUE}).")
    WeightInit weightInit;

    @Option(names = "--learning-rate", defaultValue = "1e-3", description = "RMSprop step size (default: ${DEFAULT-VALUE}).")
    double learningRate;

    @Option(names = "--seed", defaultValue = "1", description = "Seed of weights, shuffling and noise (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--likelihood", defaultValue = "bernoulli", paramLabel = "NAME[:k=v,...]",
            converter = Converters.PluginChoiceConverter.class, description = "Likelihood plugin (default: ${DEFAULT-VALUE}).")
    PluginChoice likelihood;

    @Option(names = "--sampler", defaultValue = "normal", paramLabel = "NAME[:k=v,...]",
            converter = Converters.PluginChoiceConverter.class, description = "Noise sampler plugin (default: ${DEFAULT-VALUE}).")
    PluginChoice sampler;

    @Option(names = "--divergence", defaultValue = "kl", paramLabel = "NAME[:k=v,...]",
            converter = Converters.PluginChoiceConverter.class, description = "Divergence plugin (default: ${DEFAULT-VALUE}).")
    PluginChoice divergence;

    @Option(names = "--samples", defaultValue = "1", paramLabel = "K", description = "Draws of z per example (default: ${DEFAULT-VALUE}).")
    int samples;

    /** A configuration builder holding these options; the caller adds the rest and builds. */
    VaeConfig.Builder builder() {
        return VaeConfig.builder().batchSize(batchSize).latentDim(latentDim).hiddenDims(hiddenDims)
                .activation(activation).weightInit(weightInit).learningRate(learningRate).seed(seed)
                .likelihood(likelihood).sampler(sampler).divergence(divergence).samples(samples);
    }
}
