package dev.vae.api.support;

import org.nd4j.autodiff.samediff.SDVariable;

/**
 * Sums and means along one axis that also work when that axis has size 1.
 *
 * <p>ND4J 1.0.0-M2.1 treats a legacy reduction of a rank-1 or rank-2 array whose result has as many
 * elements as its input (a [1, B] array reduced over axis 0, a [B, 1] one over axis 1) as a no-op and
 * then, inside a SameDiff graph, fails with a NullPointerException, since the op has no input array
 * of its own there. That is exactly the one-sample, one-latent or one-column case. Over an axis of
 * size 1 a sum or mean is only the removal of that axis, so these methods squeeze it instead of
 * reducing, and reduce as usual otherwise. The caller states the size, which the graph's static
 * shapes often do not know.
 */
public final class Reductions {

    private Reductions() {
    }

    /**
     * The sum of {@code x} over {@code axis}, which is removed from the shape.
     *
     * @param size the length of that axis
     */
    public static SDVariable sum(SDVariable x, int axis, long size) {
        return size == 1 ? x.getSameDiff().squeeze(x, axis) : x.sum(axis);
    }

    /**
     * The mean of {@code x} over {@code axis}, which is removed from the shape.
     *
     * @param size the length of that axis
     */
    public static SDVariable mean(SDVariable x, int axis, long size) {
        return size == 1 ? x.getSameDiff().squeeze(x, axis) : x.mean(axis);
    }
}
