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
 *
 * <p>With {@code contrast=adaptive} the discriminator tells q's codes, normalized by each example's
 * moments, from N(0, I) instead, and the model maximizes E_q[log p(x|z) + log p(z) - log r(z|x) -
 * T(x, z~)] ({@link AdaptiveContrast}): T then estimates only how far q is from a Gaussian, which a
 * discriminator does far better than the whole KL term. It needs K of 2 or more, for the moments.
 */
public final class AvbDivergence implements Divergence {
    private static final String PRIOR = "prior";
    private static final String ADAPTIVE = "adaptive";
    private static final List<ParamSpec> PARAMETERS = List.of(
            ParamSpec.integers("hidden", "widths of the discriminator's hidden ReLU layers", List.of(256, 256), 1, 4096),
            ParamSpec.integer("steps", "discriminator updates per batch, the extra ones before the model's", 1, 1, 100),
            ParamSpec.real("rate", "the discriminator's learning rate", 1e-3, 1e-7, 1),
            ParamSpec.choice("contrast", "what q is told from: the prior, or adaptive, a Gaussian of q's own moments "
                    + "(needs --samples 2 or more)", List.of(PRIOR, ADAPTIVE)));

    private final Discriminator discriminator;
    private final int steps;
    private final double rate;
    private final boolean adaptive;

    /** Two hidden layers of 256, one step per batch at rate 1e-3, contrasted with the prior. */
    public AvbDivergence() {
        this(List.of(256, 256), 1, 1e-3, false);
    }

    private AvbDivergence(List<Integer> hidden, int steps, double rate, boolean adaptive) {
        this.discriminator = new Discriminator(hidden);
        this.steps = steps;
        this.rate = rate;
        this.adaptive = adaptive;
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
        return new AvbDivergence(values.integers("hidden"), values.integer("steps"), values.real("rate"),
                values.choice("contrast").equals(ADAPTIVE));
    }

    /**
     * E_q[log p(x|z) - T(x, z)] per example: the ELBO with the discriminator in place of log q - log p;
     * with the adaptive contrast, E_q[log p(x|z) + log p(z) - log r(z|x) - T(x, z~)].
     */
    @Override
    public SDVariable bound(WeightScope weights, LogWeights terms) {
        CodePairs pairs = pairs(terms);
        if (!adaptive) {
            return terms.meanOverSamples(terms.logLikelihood().sub(score(weights, pairs, pairs.posteriorCodes(), terms)));
        }
        AdaptiveContrast contrast = contrast(weights.sameDiff(), pairs, terms);
        SDVariable t = score(weights, pairs, contrast.normalized(), terms);
        return terms.meanOverSamples(terms.logLikelihood().add(terms.latent().logPrior()).sub(contrast.logDensity()).sub(t));
    }

    /** T of each code beside its example, [K, B]. */
    private SDVariable score(WeightScope weights, CodePairs pairs, SDVariable codes, LogWeights terms) {
        return discriminator.score(weights, pairs.data(), pairs.dataWidth(), codes, pairs.codeWidth())
                .reshape(terms.samples(), -1);
    }

    private static AdaptiveContrast contrast(SameDiff sd, CodePairs pairs, LogWeights terms) {
        if (terms.samples() < 2) {
            throw new IllegalArgumentException("avb's adaptive contrast needs at least 2 samples per example "
                    + "(--samples K) for the moments of q, got " + terms.samples());
        }
        return AdaptiveContrast.of(sd, pairs.posteriorCodes(), terms.samples(), pairs.codeWidth());
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

    /**
     * The discriminator's logistic loss, averaged over the pairs: q's codes are labelled 1, the prior's
     * 0; with the adaptive contrast, q's normalized codes 1 and standard normal draws 0.
     */
    @Override
    public Optional<Objective> ownObjective(WeightScope weights, LogWeights terms) {
        CodePairs pairs = pairs(terms);
        SameDiff sd = weights.sameDiff();
        SDVariable fromQ = adaptive ? contrast(sd, pairs, terms).normalized() : pairs.posteriorCodes();
        SDVariable posterior = discriminator.score(weights, pairs.data(), pairs.dataWidth(), fromQ, pairs.codeWidth());
        SDVariable prior = discriminator.score(weights, pairs.data(), pairs.dataWidth(),
                adaptive ? pairs.unitCodes() : pairs.priorCodes(), pairs.codeWidth());
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
