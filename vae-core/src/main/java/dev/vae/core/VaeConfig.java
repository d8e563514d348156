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
 * <p>A model of more than one latent layer is a deep latent Gaussian model (Rezende et al. 2014):
 * x -> z1 -> z2 -> ... in q, ... -> z2 -> z1 -> x in p, where the family gives q(z_i | z_{i-1}) and
 * p(z_{i-1} | z_i) is a Gaussian whose mean and log-variance come from a network; the prior is over
 * the top layer, and the decoder reads z1.
 *
 * @param latentDims the latent variables of each stochastic layer, the data's side first
 * @param encoder the network from data to the family's parameters
 * @param decoder the network from codes to the likelihood's parameters
 * @param latentNetwork the network between two latent layers, in q from z_{i-1} to the family's
 *     parameters of z_i and in p from z_i to the mean and log-variance of z_{i-1}; only for two or
 *     more layers
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
 * @param condition what a conditional model reads beside each example; {@link Condition#none()} by default
 * @param standardize whether the model standardizes each value of x with the training set's statistics,
 *     which it keeps and applies to the data it reads, and undoes on what it decodes
 *     ({@link dev.vae.core.data.Standardization}); off by default
 */
public record VaeConfig(List<Integer> latentDims, PluginChoice encoder, PluginChoice decoder,
                        PluginChoice latentNetwork, PluginChoice sampler, List<PluginChoice> flows,
                        Optional<PluginChoice> prior, PluginChoice likelihood, PluginChoice divergence,
                        int samples, int batchSize, int epochs, Optimizer optimizer, double learningRate, long seed,
                        Condition condition, boolean standardize) {

    /** One component of a model: the role it plays, its kind and the plugin chosen for it. */
    public record Component(String role, PluginKind<?> kind, PluginChoice choice) {
    }

    /** The network between latent layers when none is chosen. */
    public static final PluginChoice DEFAULT_LATENT_NETWORK = PluginChoice.of("mlp");
    /** At most this many latent layers. */
    public static final int MAX_LATENT_LAYERS = 8;

    /** Checks every value, with a message that names it and the range it must lie in. */
    public VaeConfig {
        latentDims = List.copyOf(latentDims);
        Objects.requireNonNull(encoder, "encoder");
        Objects.requireNonNull(decoder, "decoder");
        Objects.requireNonNull(latentNetwork, "latentNetwork");
        Objects.requireNonNull(sampler, "sampler");
        flows = List.copyOf(flows);
        Objects.requireNonNull(prior, "prior");
        Objects.requireNonNull(likelihood, "likelihood");
        Objects.requireNonNull(divergence, "divergence");
        Objects.requireNonNull(optimizer, "optimizer");
        Objects.requireNonNull(condition, "condition");
        requireRange("latent layers", latentDims.size(), 1, MAX_LATENT_LAYERS);
        for (int dim : latentDims) {
            requireRange("latent dim", dim, 1, 4096);
        }
        if (latentDims.size() == 1 && !latentNetwork.equals(DEFAULT_LATENT_NETWORK)) {
            throw new IllegalArgumentException("a latent network joins two latent layers, but the model has one; give "
                    + "the layers' sizes, such as --latent-dim 20,10");
        }
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

    /** The latent variables of the first layer, the code the decoder reads. */
    public int latentDim() {
        return latentDims.get(0);
    }

    /** The number of stochastic layers, 1 for a model of one latent code. */
    public int latentLayers() {
        return latentDims.size();
    }

    /**
     * The components in the order data flows through them: encoder, sampler, flows ({@code flow1},
     * {@code flow2}, ...), the latent networks of q ({@code encoder2}, ...), prior where chosen, those of
     * p (..., {@code decoder2}), decoder, likelihood, divergence. Each role also names the component's
     * weights ({@code encoder.0.W}).
     */
    public List<Component> components() {
        List<Component> all = new ArrayList<>();
        all.add(new Component("encoder", PluginKind.NETWORK, encoder));
        all.add(new Component("sampler", PluginKind.SAMPLER, sampler));
        for (int i = 0; i < flows.size(); i++) {
            all.add(new Component(flowRole(i), PluginKind.FLOW, flows.get(i)));
        }
        for (int layer = 2; layer <= latentLayers(); layer++) {
            all.add(new Component(latentEncoderRole(layer), PluginKind.NETWORK, latentNetwork));
        }
        prior.ifPresent(p -> all.add(new Component("prior", PluginKind.PRIOR, p)));
        for (int layer = latentLayers(); layer >= 2; layer--) {
            all.add(new Component(latentDecoderRole(layer), PluginKind.NETWORK, latentNetwork));
        }
        all.add(new Component("decoder", PluginKind.NETWORK, decoder));
        all.add(new Component("likelihood", PluginKind.LIKELIHOOD, likelihood));
        all.add(new Component("divergence", PluginKind.DIVERGENCE, divergence));
        return Collections.unmodifiableList(all);
    }

    /** The role of the flow at this index, from 0: {@code flow1} for the first. */
    public static String flowRole(int index) {
        return "flow" + (index + 1);
    }

    /** The role of the network of q that gives the family's parameters of layer {@code layer} (from 2). */
    public static String latentEncoderRole(int layer) {
        return "encoder" + layer;
    }

    /** The role of the network of p that reads layer {@code layer} (from 2) and scores the one below. */
    public static String latentDecoderRole(int layer) {
        return "decoder" + layer;
    }

    /** The layer of a latent network's role, {@code encoder2} or {@code decoder2} giving 2; 0 for any other role. */
    public static int latentNetworkLayer(String role) {
        boolean network = role.startsWith("encoder") || role.startsWith("decoder");
        String layer = network ? role.substring("encoder".length()) : "";
        return layer.matches("[2-8]") ? Integer.parseInt(layer) : 0;
    }

    /** A builder holding the tutorial's configuration. */
    public static Builder builder() {
        return new Builder();
    }

    /** A builder holding this configuration. */
    public Builder toBuilder() {
        Builder b = new Builder().latentDims(latentDims).encoder(encoder).decoder(decoder).latentNetwork(latentNetwork)
                .sampler(sampler).flows(flows)
                .likelihood(likelihood).divergence(divergence).samples(samples).batchSize(batchSize).epochs(epochs)
                .optimizer(optimizer).learningRate(learningRate).seed(seed).condition(condition)
                .standardize(standardize);
        prior.ifPresent(b::prior);
        return b;
    }

    /** Collects the values of a {@link VaeConfig}; {@link #build()} checks them. */
    public static final class Builder {
        private static final String MLP = "mlp";
        private List<Integer> latentDims = List.of(2);
        private PluginChoice encoder = PluginChoice.of(MLP);
        private PluginChoice decoder = PluginChoice.of(MLP);
        private PluginChoice latentNetwork = DEFAULT_LATENT_NETWORK;
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
        private Condition condition = Condition.none();
        private boolean standardize;

        private Builder() {
        }

        /** The number of latent variables of a model of one latent layer. */
        public Builder latentDim(int value) {
            latentDims = List.of(value);
            return this;
        }

        /** The latent variables of each stochastic layer, the data's side first. */
        public Builder latentDims(List<Integer> value) {
            latentDims = List.copyOf(value);
            return this;
        }

        /** The network between latent layers, in q and in p. */
        public Builder latentNetwork(PluginChoice value) {
            latentNetwork = value;
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
                    if (latentNetworkLayer(role) > 0) {
                        latentNetwork = value;
                        return this;
                    }
                    if (!role.equals(flowRole(flows.size()))) {
                        throw new IllegalArgumentException("a model has no component of role '" + role + "'; expected "
                                + "encoder, sampler, flow1, flow2, ... in order, encoder2, ..., prior, ..., decoder2, "
                                + "decoder, likelihood or divergence");
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

        /** Whether the model standardizes x with the training set's statistics, which it keeps. */
        public Builder standardize(boolean value) {
            standardize = value;
            return this;
        }

        /** What the model is conditioned on; {@link Condition#none()} for a model of p(x). */
        public Builder condition(Condition value) {
            condition = Objects.requireNonNull(value, "condition");
            return this;
        }

        /**
         * The checked configuration.
         *
         * @throws IllegalArgumentException naming the first value out of range
         */
        public VaeConfig build() {
            return new VaeConfig(latentDims, encoder, decoder, latentNetwork, sampler, flows, prior, likelihood,
                    divergence, samples, batchSize, epochs, optimizer, learningRate == null ? optimizer.defaultLearningRate() : learningRate,
                    seed, condition, standardize);
        }
    }
}
