package dev.vae.app.plot;

import java.awt.image.BufferedImage;
import java.awt.image.DataBufferByte;
import java.util.Arrays;
import org.nd4j.linalg.api.buffer.DataType;
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
        double[][] values = images.castTo(DataType.DOUBLE).toDoubleMatrix();
        int gridRows = (values.length + columns - 1) / columns;
        int width = columns * cols * scale;
        BufferedImage out = new BufferedImage(width, gridRows * rows * scale, BufferedImage.TYPE_BYTE_GRAY);
        // The grey levels go into the image's own bytes: setRGB was slow, and took an sRGB grey for a
        // linear one, darkening the strokes' edges (a value of 0.5 came out as 55 of 255, not 128).
        byte[] pixels = ((DataBufferByte) out.getRaster().getDataBuffer()).getData();
        for (int i = 0; i < values.length; i++) {
            int top = (i / columns) * rows * scale;
            int left = (i % columns) * cols * scale;
            for (int r = 0; r < rows; r++) {
                for (int c = 0; c < cols; c++) {
                    byte grey = (byte) Math.round(Math.max(0, Math.min(1, values[i][r * cols + c])) * 255);
                    for (int dy = 0; dy < scale; dy++) {
                        int at = (top + r * scale + dy) * width + left + c * scale;
                        Arrays.fill(pixels, at, at + scale, grey);
                    }
                }
            }
        }
        return out;
    }
}
