package dev.vae.testkit;

import dev.vae.api.Initializer;
import dev.vae.api.LatentLayout;
import dev.vae.api.ParamValues;
import dev.vae.api.Relaxation;
import dev.vae.api.WeightScope;
import dev.vae.api.WeightValues;
import dev.vae.api.spi.Prior;
import dev.vae.api.support.Reductions;
import java.util.Optional;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.random.impl.GaussianDistribution;
import org.nd4j.linalg.api.rng.Random;
import org.nd4j.linalg.factory.Nd4j;

/**
 * p(z) = N(z; mu, I) with a learned mean {@code mu} [L], starting at 0.5. Its density can lose its
 * normalizing constant, and its draws can ignore mu, as a faulty plugin's would.
 */
final class ShiftedUnitPrior implements Prior {
    private static final double HALF_LOG_TWO_PI = 0.5 * Math.log(2 * Math.PI);

    private final boolean normalized;
    private final boolean drawsShifted;

    ShiftedUnitPrior(boolean normalized, boolean drawsShifted) {
        this.normalized = normalized;
        this.drawsShifted = drawsShifted;
    }

    @Override
    public String name() {
        return "shifted-unit";
    }

    @Override
    public String description() {
        return "N(mu, I)";
    }

    @Override
    public Prior configure(ParamValues values) {
        return this;
    }

    @Override
    public SDVariable logDensity(WeightScope weights, SDVariable z, LatentLayout layout, Optional<Relaxation> relaxation) {
        SDVariable mu = weights.declare("mu", new long[] {layout.codeWidth()}, Initializer.constant(0.5));
        SDVariable kernel = weights.sameDiff().math.square(z.sub(mu)).mul(-0.5);
        return Reductions.sum(normalized ? kernel.sub(HALF_LOG_TWO_PI) : kernel, 1, layout.codeWidth());
    }

    @Override
    public void sample(INDArray z, LatentLayout layout, WeightValues weights, Random rng) {
        Nd4j.getExecutioner().exec(new GaussianDistribution(z, 0.0, 1.0), rng);
        if (drawsShifted) {
            z.addiRowVector(weights.get("mu"));
        }
    }
}
