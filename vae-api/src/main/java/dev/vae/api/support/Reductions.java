package dev.vae.api.support;

import org.nd4j.autodiff.samediff.SDVariable;

/**
 * Sums and means along one axis that also work when that axis has size 1.
 *
 * <p>ND4J 1.0.0-M2.1 treats a legacy reduction of a rank-1 or rank-2 array whose result has as many
 * elements as its input (a [1, B] array reduced over axis 0, a [B, 1] one over axis 1) as a no-op and
 * then, inside a SameDiff graph, fails with a NullPointerException, since the op has no input array
 * of its own there. That is exactly the one-sample, one-latent or one-column case. Reducing a rank-3
 * view instead never takes that path, so these methods add a leading axis of size 1, reduce, and
 * drop it again. Use them in plugins for every reduction over an axis whose size a user chooses.
 */
public final class Reductions {

    private Reductions() {
    }

    /** The sum of {@code x} over {@code axis}, which is removed from the shape. */
    public static SDVariable sum(SDVariable x, int axis) {
        SDVariable lifted = x.getSameDiff().expandDims(x, 0);
        return x.getSameDiff().squeeze(lifted.sum(axis + 1), 0);
    }

    /** The mean of {@code x} over {@code axis}, which is removed from the shape. */
    public static SDVariable mean(SDVariable x, int axis) {
        SDVariable lifted = x.getSameDiff().expandDims(x, 0);
        return x.getSameDiff().squeeze(lifted.mean(axis + 1), 0);
    }
}
