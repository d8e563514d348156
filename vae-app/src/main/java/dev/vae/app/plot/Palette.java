package dev.vae.app.plot;

import java.awt.Color;

/** Ten distinguishable colours (matplotlib's tab10), one per class. */
final class Palette {
    private static final int[] RGB = {0x1f77b4, 0xff7f0e, 0x2ca02c, 0xd62728, 0x9467bd, 0x8c564b, 0xe377c2,
        0x7f7f7f, 0xbcbd22, 0x17becf};

    private Palette() {
    }

    static Color color(int index) {
        return new Color(RGB[Math.floorMod(index, RGB.length)]);
    }
}
