package dev.vae.core;

import dev.vae.core.plugin.PluginChoice;
import java.util.List;
import java.util.Objects;

/**
 * Everything that defines a model and its training run. The defaults are the tutorial's: one hidden
 * layer of 256 ReLU units in encoder and decoder, 2 latent variables, Bernoulli likelihood, normal
 * sampler, the ELBO with one sample, RMSprop at 1e-3 on batches of 100 for 50 epochs. Weights start
 * as PyTorch's {@code nn.Linear} starts them; see {@link WeightInit}.
 *
 * @param hiddenDims widths of the hidden layers of the encoder; the decoder mirrors them
 * @param latentDim the number of latent variables
 * @param activation the nonlinearity of the hidden layers
 * @param weightInit how the weights start
 * @param likelihood the observation model p(x|z)
 * @param sampler the variational family and prior
 * @param divergence the bound and loss
 * @param samples K, the draws of z per example in each step
 * @param batchSize examples per step
 * @param epochs passes over the training set
 * @param learningRate RMSprop's step size
 * @param seed fixes the initial weights, the shuffling and every eps; the same seed gives the same
 *     run on the same machine
 */
public record VaeConfig(List<Integer> hiddenDims, int latentDim, Activation activation, WeightInit weightInit,
                        PluginChoice likelihood,
                        PluginChoice sampler, PluginChoice divergence, int samples, int batchSize, int epochs,
                        double learningRate, long seed) {

    /** Checks every value, with a message that names it and the range it must lie in. */
    public VaeConfig {
        hiddenDims = List.copyOf(hiddenDims);
        Objects.requireNonNull(activation, "activation");
        Objects.requireNonNull(weightInit, "weightInit");
        Objects.requireNonNull(likelihood, "likelihood");
        Objects.requireNonNull(sampler, "sampler");
        Objects.requireNonNull(divergence, "divergence");
        if (hiddenDims.isEmpty() || hiddenDims.stream().anyMatch(h -> h < 1 || h > 65_536)) {
            throw new IllegalArgumentException("hidden dims must be one or more widths from 1 to 65536, got " + hiddenDims);
        }
        requireRange("latent dim", latentDim, 1, 4096);
        requireRange("samples", samples, 1, 100_000);
        requireRange("batch size", batchSize, 1, 1_000_000);
        requireRange("epochs", epochs, 1, 1_000_000);
        if (!(learningRate > 0 && learningRate <= 10)) {
            throw new IllegalArgumentException("learning rate must be a number in (0, 10], got " + learningRate);
        }
    }

    private static void requireRange(String what, int value, int min, int max) {
        if (value < min || value > max) {
            throw new IllegalArgumentException(what + " must be from " + min + " to " + max + ", got " + value);
        }
    }

    /** A builder holding the tutorial's configuration. */
    public static Builder builder() {
        return new Builder();
    }

    /** A builder holding this configuration. */
    public Builder toBuilder() {
        return new Builder().hiddenDims(hiddenDims).latentDim(latentDim).activation(activation)
                .weightInit(weightInit).likelihood(likelihood).sampler(sampler).divergence(divergence)
                .samples(samples).batchSize(batchSize).epochs(epochs).learningRate(learningRate).seed(seed);
    }

    /** Collects the values of a {@link VaeConfig}; {@link #build()} checks them. */
    public static final class Builder {
        private List<Integer> hiddenDims = List.of(256);
        private int latentDim = 2;
        private Activation activation = Activation.RELU;
        private WeightInit weightInit = WeightInit.FAN_IN_UNIFORM;
        private PluginChoice likelihood = PluginChoice.of("bernoulli");
        private PluginChoice sampler = PluginChoice.of("normal");
        private PluginChoice divergence = PluginChoice.of("kl");
        private int samples = 1;
        private int batchSize = 100;
        private int epochs = 50;
        private double learningRate = 1e-3;
        private long seed = 1;

        private Builder() {
        }

        /** Widths of the hidden layers. */
        public Builder hiddenDims(List<Integer> value) {
            hiddenDims = value;
            return this;
        }

        /** The number of latent variables. */
        public Builder latentDim(int value) {
            latentDim = value;
            return this;
        }

        /** The hidden layers' nonlinearity. */
        public Builder activation(Activation value) {
            activation = value;
            return this;
        }

        /** How the weights start. */
        public Builder weightInit(WeightInit value) {
            weightInit = value;
            return this;
        }

        /** The likelihood plugin. */
        public Builder likelihood(PluginChoice value) {
            likelihood = value;
            return this;
        }

        /** The noise sampler plugin. */
        public Builder sampler(PluginChoice value) {
            sampler = value;
            return this;
        }

        /** The divergence plugin. */
        public Builder divergence(PluginChoice value) {
            divergence = value;
            return this;
        }

        /** Draws of z per example. */
        public Builder samples(int value) {
            samples = value;
            return this;
        }

        /** Examples per step. */
        public Builder batchSize(int value) {
            batchSize = value;
            return this;
        }

        /** Passes over the training set. */
        public Builder epochs(int value) {
            epochs = value;
            return this;
        }

        /** RMSprop's step size. */
        public Builder learningRate(double value) {
            learningRate = value;
            return this;
        }

        /** The seed of every random choice. */
        public Builder seed(long value) {
            seed = value;
            return this;
        }

        /**
         * The checked configuration.
         *
         * @throws IllegalArgumentException naming the first value out of range
         */
        public VaeConfig build() {
            return new VaeConfig(hiddenDims, latentDim, activation, weightInit, likelihood, sampler, divergence, samples,
                    batchSize, epochs, learningRate, seed);
        }
    }
}
