package dev.vae.flow;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class MadeMasksTest {

    /** [L, L]: 1 where output i reads variable j through some hidden unit. */
    private static int[][] connectivity(int width, int hidden, boolean reversed) {
        double[][] in = MadeMasks.input(width, hidden, reversed);
        double[][] out = MadeMasks.output(width, hidden, reversed);
        int[][] paths = new int[width][width];
        for (int i = 0; i < width; i++) {
            for (int j = 0; j < width; j++) {
                for (int u = 0; u < hidden; u++) {
                    paths[i][j] += (int) (in[j][u] * out[u][i]);
                }
            }
        }
        return paths;
    }

    @Test
    void eachOutputReadsEveryEarlierVariableAndNoOtherInTheNaturalOrder() {
        int[][] paths = connectivity(4, 9, false);
        for (int i = 0; i < 4; i++) {
            for (int j = 0; j < 4; j++) {
                assertThat(paths[i][j] > 0).as("output %d reads variable %d", i, j).isEqualTo(j < i);
            }
        }
    }

    @Test
    void reversedEachOutputReadsEveryLaterVariableAndNoOther() {
        int[][] paths = connectivity(4, 9, true);
        for (int i = 0; i < 4; i++) {
            for (int j = 0; j < 4; j++) {
                assertThat(paths[i][j] > 0).as("output %d reads variable %d", i, j).isEqualTo(j > i);
            }
        }
    }

    @Test
    void withOneVariableTheHiddenUnitsSeeNothingOfItAndFeedItsOutput() {
        assertThat(MadeMasks.input(1, 3, false)).isEqualTo(new double[][] {{0, 0, 0}});
        assertThat(MadeMasks.output(1, 3, true)).isEqualTo(new double[][] {{1}, {1}, {1}});
    }

    @Test
    void hiddenUnitsCycleThroughTheDegrees() {
        // Degrees 0, 1, 2, 0, 1: unit j sees the variables of rank up to j mod 3.
        assertThat(MadeMasks.input(3, 5, false)).isEqualTo(new double[][] {{0, 1, 1, 0, 1}, {0, 0, 1, 0, 0}, {0, 0, 0, 0, 0}});
        assertThat(MadeMasks.output(3, 5, false)).isEqualTo(new double[][] {
            {1, 1, 1}, {0, 1, 1}, {0, 0, 1}, {1, 1, 1}, {0, 1, 1}});
    }
}
