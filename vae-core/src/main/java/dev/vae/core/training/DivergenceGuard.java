package dev.vae.core.training;

import dev.vae.api.ValueRange;
import dev.vae.core.TrainingDivergedException;
import dev.vae.core.data.ImageSet;
import dev.vae.core.graph.VaeGraph;
import java.util.Locale;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Stops a run whose numbers have left the finite range or blown up: a training loss that is not
 * finite or a millionfold its reference (the first step's), a validation NELBO that is not finite,
 * weights that are not finite. Its message suggests what fits the case: data far from standardized
 * under a likelihood over all the reals, else a lower learning rate.
 */
public final class DivergenceGuard {
    /** How far the loss may grow past its reference before the run counts as blown up. */
    static final double BLOW_UP = 1e6;
    /** The spread beyond which data under an unbounded likelihood count as unstandardized. */
    private static final double UNSTANDARDIZED = 5;

    private final VaeGraph graph;
    private final ImageSet train;

    public DivergenceGuard(VaeGraph graph, ImageSet train) {
        this.graph = graph;
        this.train = train;
    }

    /** @param reference the loss the run started from, NaN before the first step */
    public void checkLoss(int epoch, double loss, double reference) {
        if (!Double.isFinite(loss)) {
            throw diverged(epoch, "the training loss became " + loss);
        }
        if (Double.isFinite(reference) && Math.abs(loss) > BLOW_UP * Math.max(1, Math.abs(reference))) {
            throw diverged(epoch, String.format(Locale.ROOT, "the training loss grew from %.4g to %.4g", reference, loss));
        }
    }

    public void checkValidation(int epoch, double nelbo) {
        if (!Double.isFinite(nelbo)) {
            throw diverged(epoch, "the validation NELBO became " + nelbo);
        }
    }

    public void checkWeights(int epoch) {
        graph.forEachParameter((name, array) -> {
            if (!Double.isFinite(array.sumNumber().doubleValue())) {
                throw diverged(epoch, "weight " + name + " holds values that are not finite");
            }
        });
    }

    private TrainingDivergedException diverged(int epoch, String what) {
        return new TrainingDivergedException(epoch, what, hint());
    }

    private String hint() {
        ValueRange support = graph.components().likelihood().support();
        INDArray x = train.images();
        double mean = x.meanNumber().doubleValue();
        double spread = x.stdNumber().doubleValue();
        boolean unbounded = Double.isInfinite(support.min()) || Double.isInfinite(support.max());
        if (unbounded && !graph.config().standardize() && (Math.abs(mean) > UNSTANDARDIZED || spread > UNSTANDARDIZED)) {
            return String.format(Locale.ROOT, "the data have mean %.4g and standard deviation %.4g, and the %s likelihood "
                    + "needs them near 0 and 1: standardize them (vae train --standardize)", mean, spread,
                    graph.components().likelihood().name());
        }
        return "try a learning rate below " + graph.config().learningRate() + " or a smaller network";
    }
}
