package dev.vae.app.plot;

import org.apache.commons.math3.distribution.NormalDistribution;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * A square grid of points in a 2-D latent space, evenly spaced in probability under the N(0, I)
 * prior: the inverse normal CDF of 0.05 ... 0.95, as the tutorial draws its manifold.
 */
public final class LatentGrid {

    private LatentGrid() {
    }

    /**
     * @param side points per axis
     * @return [side * side, 2], row by row from the top (largest z[2]) and left to right (increasing z[1])
     */
    public static INDArray points(int side) {
        double[] axis = axis(side);
        double[][] z = new double[side * side][];
        for (int row = 0; row < side; row++) {
            for (int col = 0; col < side; col++) {
                z[row * side + col] = new double[] {axis[col], axis[side - 1 - row]};
            }
        }
        return Nd4j.createFromArray(z).castTo(org.nd4j.linalg.api.buffer.DataType.FLOAT);
    }

    /** The grid's values along each axis, ascending: the inverse normal CDF of 0.05 ... 0.95. */
    public static double[] axis(int side) {
        NormalDistribution normal = new NormalDistribution(null, 0, 1);
        double[] axis = new double[side];
        for (int i = 0; i < side; i++) {
            axis[i] = normal.inverseCumulativeProbability(0.05 + 0.9 * i / (side - 1));
        }
        return axis;
    }
}
