package dev.vae.divergence;

import dev.vae.api.WeightScope;
import dev.vae.api.support.Dense;
import java.util.List;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;

/**
 * T(x, z), a network on the pair (x, z) whose logistic regression of draws of q(z|x) against draws of
 * p(z) has its optimum at log q(z|x) - log p(z) (Mescheder, Nowozin and Geiger 2017, Proposition 1):
 * the concatenation [x, z] through ReLU layers to one output. Its weights are declared as
 * {@code T0.W}, {@code T0.b}, ... in the order applied.
 */
final class Discriminator {
    private final List<Integer> hidden;

    Discriminator(List<Integer> hidden) {
        this.hidden = List.copyOf(hidden);
    }

    /**
     * T of each row's pair.
     *
     * @param data [N, dataWidth]
     * @param codes [N, codeWidth]
     * @return [N]
     */
    SDVariable score(WeightScope weights, SDVariable data, int dataWidth, SDVariable codes, int codeWidth) {
        SameDiff sd = weights.sameDiff();
        SDVariable h = sd.concat(1, data, codes);
        long width = (long) dataWidth + codeWidth;
        for (int i = 0; i < hidden.size(); i++) {
            h = sd.nn.relu(Dense.of(weights, "T" + i, h, width, hidden.get(i)), 0);
            width = hidden.get(i);
        }
        return Dense.of(weights, "T" + hidden.size(), h, width, 1).reshape(-1);
    }
}
