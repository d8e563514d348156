package dev.vae.app.plot;

import java.awt.image.BufferedImage;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The manifold picture of a run: the digits decoded at the 15 x 15 points of {@link LatentGrid},
 * drawn at twice their size; one definition, so that the picture of each epoch and that of the
 * finished run are alike.
 */
public final class ManifoldGrid {
    /** Points per axis. */
    public static final int SIDE = 15;
    private static final int SCALE = 2;

    private ManifoldGrid() {
    }

    /** The latent points to decode, [SIDE * SIDE, 2], in the order {@link #draw} tiles them. */
    public static INDArray points() {
        return LatentGrid.points(SIDE);
    }

    /** @param digits the decoded {@link #points()}, [SIDE * SIDE, rows * cols], values in [0, 1] */
    public static BufferedImage draw(INDArray digits, int rows, int cols) {
        return DigitGrid.draw(digits, rows, cols, SIDE, SCALE);
    }
}
