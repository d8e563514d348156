package dev.vae.divergence;

import dev.vae.api.CodePairs;
import dev.vae.api.LogWeights;
import dev.vae.api.Objective;
import dev.vae.api.ParamSpec;
import dev.vae.api.ParamValues;
import dev.vae.api.WeightScope;
import dev.vae.api.spi.Divergence;
import dev.vae.api.support.Softplus;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;

/**
 * Adversarial variational Bayes (Mescheder, Nowozin and Geiger 2017): the KL term's integrand
 * log q(z|x) - log p(z) estimated by a discriminator T(x, z), so that neither density is read and q
 * may be implicit. The model maximizes E_q[log p(x|z) - T(x, z)] with T's weights frozen; T descends
 * its own logistic loss, softplus(-T(x, z_q)) + softplus(T(x, z_p)), with the draws frozen, whose
 * optimum is T* = log q(z|x) - log p(z). Both are taken in the same backward pass; the discriminator
 * may take more steps per batch, at a rate of its own.
 */
public final class AvbDivergence implements Divergence {
    private static final List<ParamSpec> PARAMETERS = List.of(
            ParamSpec.integers("hidden", "widths of the discriminator's hidden ReLU layers", List.of(256, 256), 1, 4096),
            ParamSpec.integer("steps", "discriminator updates per batch, the extra ones before the model's", 1, 1, 100),
            ParamSpec.real("rate", "the discriminator's learning rate", 1e-3, 1e-7, 1));

    private final Discriminator discriminator;
    private final int steps;
    private final double rate;

    /** Two hidden layers of 256, one step per batch at rate 1e-3. */
    public AvbDivergence() {
        this(List.of(256, 256), 1, 1e-3);
    }

    private AvbDivergence(List<Integer> hidden, int steps, double rate) {
        this.discriminator = new Discriminator(hidden);
        this.steps = steps;
        this.rate = rate;
    }

    @Override
    public String name() {
        return "avb";
    }

    @Override
    public String description() {
        return "adversarial variational Bayes: the KL term from a discriminator T(x, z) ~ log q(z|x) - log p(z); q may be implicit";
    }

    @Override
    public List<ParamSpec> parameters() {
        return PARAMETERS;
    }

    @Override
    public Divergence configure(ParamValues values) {
        return new AvbDivergence(values.integers("hidden"), values.integer("steps"), values.real("rate"));
    }

    /** E_q[log p(x|z) - T(x, z)] per example: the ELBO with the discriminator in place of log q - log p. */
    @Override
    public SDVariable bound(WeightScope weights, LogWeights terms) {
        CodePairs pairs = pairs(terms);
        SDVariable t = discriminator.score(weights, pairs.data(), pairs.dataWidth(), pairs.posteriorCodes(),
                pairs.codeWidth()).reshape(terms.samples(), -1);
        return terms.meanOverSamples(terms.logLikelihood().sub(t));
    }

    @Override
    public SDVariable loss(WeightScope weights, LogWeights terms) {
        return bound(weights, terms).mean().neg();
    }

    @Override
    public SDVariable bound(SameDiff sd, LogWeights weights) {
        throw new IllegalStateException("avb scores codes with its discriminator, whose weights it declares; "
                + "call bound(WeightScope, LogWeights)");
    }

    /** The discriminator's logistic loss, averaged over the pairs: q's codes are labelled 1, the prior's 0. */
    @Override
    public Optional<Objective> ownObjective(WeightScope weights, LogWeights terms) {
        CodePairs pairs = pairs(terms);
        SameDiff sd = weights.sameDiff();
        SDVariable posterior = discriminator.score(weights, pairs.data(), pairs.dataWidth(), pairs.posteriorCodes(),
                pairs.codeWidth());
        SDVariable prior = discriminator.score(weights, pairs.data(), pairs.dataWidth(), pairs.priorCodes(),
                pairs.codeWidth());
        SDVariable loss = Softplus.of(sd, posterior.neg()).add(Softplus.of(sd, prior)).mean();
        return Optional.of(new Objective(loss, OptionalDouble.of(rate), steps));
    }

    @Override
    public boolean needsPosteriorDensity() {
        return false;
    }

    @Override
    public boolean needsCodePairs() {
        return true;
    }

    private static CodePairs pairs(LogWeights terms) {
        return terms.pairs().orElseThrow(() -> new IllegalArgumentException(
                "avb needs codes of q and of the prior beside their examples, and none were given"));
    }
}
