package dev.vae.flow;

/**
 * The connectivity of a masked autoencoder for distribution estimation, MADE (Germain et al. 2015),
 * with one hidden layer over L variables taken in a given order: output d reads, through the hidden
 * layer, only the variables before d in that order. Variable d has rank d + 1 in the natural order and
 * L − d in the reversed one; hidden unit j has degree j mod L, and sees the variables of rank up to its
 * degree and feeds the outputs of rank above it. Units of degree 0 see no variable, only what the
 * caller adds unmasked (a context), and feed every output: the first variable's output depends on the
 * context alone, and with L = 1 every output does.
 */
final class MadeMasks {
    private MadeMasks() {
    }

    /** [L, H]: 1 where hidden unit j may read variable d, else 0. */
    static double[][] input(int width, int hidden, boolean reversed) {
        double[][] mask = new double[width][hidden];
        for (int d = 0; d < width; d++) {
            for (int j = 0; j < hidden; j++) {
                mask[d][j] = rank(d, width, reversed) <= degree(j, width) ? 1 : 0;
            }
        }
        return mask;
    }

    /** [H, L]: 1 where output d may read hidden unit j, else 0. */
    static double[][] output(int width, int hidden, boolean reversed) {
        double[][] mask = new double[hidden][width];
        for (int j = 0; j < hidden; j++) {
            for (int d = 0; d < width; d++) {
                mask[j][d] = degree(j, width) < rank(d, width, reversed) ? 1 : 0;
            }
        }
        return mask;
    }

    private static int rank(int variable, int width, boolean reversed) {
        return reversed ? width - variable : variable + 1;
    }

    private static int degree(int unit, int width) {
        return unit % width;
    }
}
