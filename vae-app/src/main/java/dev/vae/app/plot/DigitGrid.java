package dev.vae.app.plot;

import java.awt.image.BufferedImage;
import org.nd4j.linalg.api.ndarray.INDArray;

/** Images in [0, 1] tiled into one greyscale picture, light strokes on black as in the tutorial. */
public final class DigitGrid {

    private DigitGrid() {
    }

    /**
     * @param images [N, rows * cols], row-major images, values in [0, 1]
     * @param columns images per row of the grid
     * @param scale pixels per image pixel
     */
    public static BufferedImage draw(INDArray images, int rows, int cols, int columns, int scale) {
        int n = (int) images.rows();
        int gridRows = (n + columns - 1) / columns;
        BufferedImage out = new BufferedImage(columns * cols * scale, gridRows * rows * scale, BufferedImage.TYPE_BYTE_GRAY);
        for (int i = 0; i < n; i++) {
            int top = (i / columns) * rows * scale;
            int left = (i % columns) * cols * scale;
            for (int r = 0; r < rows; r++) {
                for (int c = 0; c < cols; c++) {
                    double v = Math.max(0, Math.min(1, images.getDouble(i, r * cols + c)));
                    int grey = (int) Math.round(v * 255);
                    int rgb = (grey << 16) | (grey << 8) | grey;
                    for (int dy = 0; dy < scale; dy++) {
                        for (int dx = 0; dx < scale; dx++) {
                            out.setRGB(left + c * scale + dx, top + r * scale + dy, rgb);
                        }
                    }
                }
            }
        }
        return out;
    }
}
