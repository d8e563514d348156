package dev.vae.app.plot;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.awt.image.Raster;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.factory.Nd4j;

class DigitGridTest {

    @Test
    void greyLevelsAreTheValuesTimes255EachPixelScaledAndTiled() {
        // Two 1x3 images, side by side, at scale 2: values 0, 0.5, 1 and 0.25, 1.5 (drawn as 1), -1 (as 0).
        BufferedImage picture = DigitGrid.draw(Nd4j.createFromArray(new float[][] {{0f, 0.5f, 1f}, {0.25f, 1.5f, -1f}}),
                1, 3, 2, 2);

        assertThat(picture.getWidth()).isEqualTo(12);
        assertThat(picture.getHeight()).isEqualTo(2);
        Raster grey = picture.getRaster();
        int[] expected = {0, 128, 255, 64, 255, 0};
        for (int pixel = 0; pixel < expected.length; pixel++) {
            for (int y = 0; y < 2; y++) {
                for (int x = 2 * pixel; x < 2 * pixel + 2; x++) {
                    assertThat(grey.getSample(x, y, 0)).as("pixel (%d, %d)", x, y).isEqualTo(expected[pixel]);
                }
            }
        }
    }
}
