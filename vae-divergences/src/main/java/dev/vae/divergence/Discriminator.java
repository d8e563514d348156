package dev.vae.divergence;

import dev.vae.api.Initializer;
import dev.vae.api.WeightScope;
import dev.vae.api.support.Dense;
import java.util.List;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;

/**
 * T(x, z), a network on the pair (x, z) whose logistic regression of draws of q(z|x) against draws of
 * p(z) has its optimum at log q(z|x) - log p(z) (Mescheder, Nowozin and Geiger 2017, Proposition 1):
 * the concatenation [x, z] through ReLU layers to one output. Its weights are declared as
 * {@code T0.Wx}, {@code T0.Wz}, {@code T0.b}, {@code T1.W}, ... in the order applied.
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
        int first = hidden.get(0);
        // [x, z] W = x Wx + z Wz: the same layer without joining the inputs into one array.
        Initializer init = Initializer.fanInUniform((long) dataWidth + codeWidth);
        SDVariable fromData = data.mmul(weights.declare("T0.Wx", new long[] {dataWidth, first}, init));
        SDVariable fromCodes = codes.mmul(weights.declare("T0.Wz", new long[] {codeWidth, first}, init));
        SDVariable h = sd.nn.relu(fromData.add(fromCodes).add(weights.declare("T0.b", new long[] {first}, init)), 0);
        for (int i = 1; i < hidden.size(); i++) {
            h = sd.nn.relu(Dense.of(weights, "T" + i, h, hidden.get(i - 1), hidden.get(i)), 0);
        }
        return Dense.of(weights, "T" + hidden.size(), h, hidden.get(hidden.size() - 1), 1).reshape(-1);
    }
}
