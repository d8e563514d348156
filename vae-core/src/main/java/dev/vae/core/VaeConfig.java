package dev.vae.core;

import dev.vae.core.plugin.PluginChoice;
import dev.vae.core.plugin.PluginKind;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Everything that defines a model and its training run: its components, each a plugin chosen by name
 * with parameters, and the training's settings. The defaults are the tutorial's: an {@code mlp} encoder
 * and decoder with one hidden layer of 256 ReLU units, 2 latent variables, the {@code normal} family
 * with its {@code standard-normal} prior, no flows, the {@code bernoulli} likelihood, the ELBO
 * ({@code kl}) with one sample, RMSprop at 1e-3 on batches of 100 for 50 epochs.
 *
 * @param latentDim the number of latent variables
 * @param encoder the network from data to the family's parameters
 * @param decoder the network from codes to the likelihood's parameters
 * @param sampler the variational family
 * @param flows transforms of the family's draws, applied in this order; empty for none
 * @param prior p(z); empty for the family's own default ({@code NoiseSampler.defaultPrior()})
 * @param likelihood the observation model p(x|z)
 * @param divergence the bound and loss
 * @param samples K, the draws of z per example in each step
 * @param batchSize examples per step
 * @param epochs passes over the training set
 * @param optimizer the rule that turns gradients into weight updates
 * @param learningRate the optimizer's step size
 * @param seed fixes the initial weights, the shuffling and every eps; the same seed gives the same
 *     run on the same machine
 */
public record VaeConfig(int latentDim, PluginChoice encoder, PluginChoice decoder, PluginChoice sampler,
                        List<PluginChoice> flows, Optional<PluginChoice> prior, PluginChoice likelihood,
                        PluginChoice divergence, int samples, int batchSize, int epochs, Optimizer optimizer,
                        double learningRate, long seed) {

    /** One component of a model: the role it plays, its kind and the plugin chosen for it. */
    public record Component(String role, PluginKind<?> kind, PluginChoice choice) {
    }

    /** Checks every value, with a message that names it and the range it must lie in. */
    public VaeConfig {
        Objects.requireNonNull(encoder, "encoder");
        Objects.requireNonNull(decoder, "decoder");
        Objects.requireNonNull(sampler, "sampler");
        flows = List.copyOf(flows);
        Objects.requireNonNull(prior, "prior");
        Objects.requireNonNull(likelihood, "likelihood");
        Objects.requireNonNull(divergence, "divergence");
        Objects.requireNonNull(optimizer, "optimizer");
        requireRange("latent dim", latentDim, 1, 4096);
        requireRange("flows", flows.size(), 0, 100);
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

    /**
     * The components in the order data flows through them: encoder, sampler, flows ({@code flow1},
     * {@code flow2}, ...), prior where chosen, decoder, likelihood, divergence. Each role also names
     * the component's weights ({@code encoder.0.W}).
     */
    public List<Component> components() {
        List<Component> all = new ArrayList<>();
        all.add(new Component("encoder", PluginKind.NETWORK, encoder));
        all.add(new Component("sampler", PluginKind.SAMPLER, sampler));
        for (int i = 0; i < flows.size(); i++) {
            all.add(new Component(flowRole(i), PluginKind.FLOW, flows.get(i)));
        }
        prior.ifPresent(p -> all.add(new Component("prior", PluginKind.PRIOR, p)));
        all.add(new Component("decoder", PluginKind.NETWORK, decoder));
        all.add(new Component("likelihood", PluginKind.LIKELIHOOD, likelihood));
        all.add(new Component("divergence", PluginKind.DIVERGENCE, divergence));
        return Collections.unmodifiableList(all);
    }

    /** The role of the flow at this index, from 0: {@code flow1} for the first. */
    public static String flowRole(int index) {
        return "flow" + (index + 1);
    }

    /** A builder holding the tutorial's configuration. */
    public static Builder builder() {
        return new Builder();
    }

    /** A builder holding this configuration. */
    public Builder toBuilder() {
        Builder b = new Builder().latentDim(latentDim).encoder(encoder).decoder(decoder).sampler(sampler).flows(flows)
                .likelihood(likelihood).divergence(divergence).samples(samples).batchSize(batchSize).epochs(epochs)
                .optimizer(optimizer).learningRate(learningRate).seed(seed);
        prior.ifPresent(b::prior);
        return b;
    }

    /** Collects the values of a {@link VaeConfig}; {@link #build()} checks them. */
    public static final class Builder {
        private static final String MLP = "mlp";
        private int latentDim = 2;
        private PluginChoice encoder = PluginChoice.of(MLP);
        private PluginChoice decoder = PluginChoice.of(MLP);
        private PluginChoice sampler = PluginChoice.of("normal");
        private List<PluginChoice> flows = List.of();
        private Optional<PluginChoice> prior = Optional.empty();
        private PluginChoice likelihood = PluginChoice.of("bernoulli");
        private PluginChoice divergence = PluginChoice.of("kl");
        private int samples = 1;
        private int batchSize = 100;
        private int epochs = 50;
        private Optimizer optimizer = Optimizer.RMSPROP;
        /** Null for the optimizer's default. */
        private Double learningRate;
        private long seed = 1;

        private Builder() {
        }

        /** The number of latent variables. */
        public Builder latentDim(int value) {
            latentDim = value;
            return this;
        }

        /** The encoder network. */
        public Builder encoder(PluginChoice value) {
            encoder = value;
            return this;
        }

        /** The decoder network. */
        public Builder decoder(PluginChoice value) {
            decoder = value;
            return this;
        }

        /**
         * Shorthand for the {@code hidden} parameter of the {@code mlp} networks: these widths in the
         * encoder, the same in reverse in the decoder.
         *
         * @throws IllegalArgumentException if neither network is an {@code mlp}
         */
        public Builder hiddenDims(List<Integer> widths) {
            List<Integer> reversed = new ArrayList<>(widths);
            Collections.reverse(reversed);
            return mlpParameter("hidden", join(widths), join(reversed));
        }

        /**
         * Shorthand for the {@code activation} parameter of the {@code mlp} networks.
         *
         * @throws IllegalArgumentException if neither network is an {@code mlp}
         */
        public Builder activation(String value) {
            return mlpParameter("activation", value, value);
        }

        private Builder mlpParameter(String key, String encoderValue, String decoderValue) {
            if (!encoder.name().equals(MLP) && !decoder.name().equals(MLP)) {
                throw new IllegalArgumentException(key + " is a parameter of mlp networks, but encoder and decoder are "
                        + encoder.name() + " and " + decoder.name());
            }
            encoder = withParameter(encoder, key, encoderValue);
            decoder = withParameter(decoder, key, decoderValue);
            return this;
        }

        private static PluginChoice withParameter(PluginChoice network, String key, String value) {
            if (!network.name().equals(MLP)) {
                return network;
            }
            Map<String, String> params = new LinkedHashMap<>(network.params());
            params.put(key, value);
            return new PluginChoice(MLP, params);
        }

        private static String join(List<Integer> widths) {
            return String.join(",", widths.stream().map(String::valueOf).toList());
        }

        /** The variational family. */
        public Builder sampler(PluginChoice value) {
            sampler = value;
            return this;
        }

        /** The flows, in the order they transform the family's draws. */
        public Builder flows(List<PluginChoice> value) {
            flows = value;
            return this;
        }

        /** The prior, in place of the family's default. */
        public Builder prior(PluginChoice value) {
            prior = Optional.of(value);
            return this;
        }

        /** The family's default prior. */
        public Builder defaultPrior() {
            prior = Optional.empty();
            return this;
        }

        /**
         * The plugin of one role of {@link VaeConfig#components()}; a flow's role must be the next,
         * {@code flow1} first, each appended to the flows.
         *
         * @throws IllegalArgumentException for another role, listing those there are
         */
        public Builder component(String role, PluginChoice value) {
            switch (role) {
                case "encoder" -> encoder = value;
                case "decoder" -> decoder = value;
                case "sampler" -> sampler = value;
                case "prior" -> prior = Optional.of(value);
                case "likelihood" -> likelihood = value;
                case "divergence" -> divergence = value;
                default -> {
                    if (!role.equals(flowRole(flows.size()))) {
                        throw new IllegalArgumentException("a model has no component of role '" + role + "'; expected "
                                + "encoder, sampler, flow1, flow2, ... in order, prior, decoder, likelihood or divergence");
                    }
                    List<PluginChoice> more = new ArrayList<>(flows);
                    more.add(value);
                    flows = more;
                }
            }
            return this;
        }

        /** The likelihood plugin. */
        public Builder likelihood(PluginChoice value) {
            likelihood = value;
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

        /** The optimizer; its default learning rate applies unless {@link #learningRate} gives one. */
        public Builder optimizer(Optimizer value) {
            optimizer = Objects.requireNonNull(value, "optimizer");
            return this;
        }

        /** The optimizer's step size. */
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
            return new VaeConfig(latentDim, encoder, decoder, sampler, flows, prior, likelihood, divergence, samples,
                    batchSize, epochs, optimizer, learningRate == null ? optimizer.defaultLearningRate() : learningRate,
                    seed);
        }
    }
}
