package dev.vae.app.plot;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.data.xy.XYDataset;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.factory.Nd4j;

/** Relaxed categorical codes drawn by their most probable categories. */
class CategoryScatterTest {
    /** Two variables of three categories: rows choose (2, 0), (1, 1), (2, 0), (0, 2). */
    private static final double[][] PROBABILITIES = {
        {0.1, 0.2, 0.7, 0.9, 0.05, 0.05},
        {0.3, 0.4, 0.3, 0.2, 0.6, 0.2},
        {0.0, 0.0, 1.0, 1.0, 0.0, 0.0},
        {0.5, 0.25, 0.25, 0.1, 0.1, 0.8},
    };
    private static final int[] LABELS = {7, 3, 7, 1};

    @Test
    void eachVariableTakesItsMostProbableCategory() {
        int[][] chosen = CategoryScatter.mostProbable(Nd4j.createFromArray(PROBABILITIES), 3);
        assertThat(chosen).isDeepEqualTo(new int[][] {{2, 0}, {1, 1}, {2, 0}, {0, 2}});
    }

    @Test
    void pointsLieInTheirCellColouredByLabel() {
        JFreeChart chart = CategoryScatter.chart(Nd4j.createFromArray(PROBABILITIES), 3, LABELS);
        XYDataset data = chart.getXYPlot().getDataset();
        assertThat(data.getSeriesCount()).isEqualTo(3);
        assertThat(data.getSeriesKey(2)).isEqualTo("label 7");
        assertThat(data.getItemCount(2)).isEqualTo(2);
        for (int i = 0; i < 2; i++) {
            assertThat(Math.abs(data.getXValue(2, i) - 2)).isLessThanOrEqualTo(CategoryScatter.JITTER);
            assertThat(Math.abs(data.getYValue(2, i))).isLessThanOrEqualTo(CategoryScatter.JITTER);
        }
        assertThat(data.getXValue(2, 0)).as("jittered apart").isNotEqualTo(data.getXValue(2, 1));
    }

    @Test
    void theAxesCountWholeCategories() {
        JFreeChart chart = CategoryScatter.chart(Nd4j.createFromArray(PROBABILITIES), 3, LABELS);
        BufferedImage image = chart.createBufferedImage(800, 800);
        NumberAxis x = (NumberAxis) chart.getXYPlot().getDomainAxis();
        assertThat(image.getWidth()).isEqualTo(800);
        assertThat(x.getRange().getLowerBound()).isEqualTo(-0.5);
        assertThat(x.getRange().getUpperBound()).isEqualTo(2.5);
        assertThat(x.getTickUnit().getSize()).isEqualTo(1.0);
        assertThat(x.getTickUnit().valueToString(1.0)).isEqualTo("1");
    }

    @Test
    void oneVariableIsDrawnAgainstTheLabel() {
        double[][] one = {{0.2, 0.8}, {0.9, 0.1}};
        XYDataset data = CategoryScatter.chart(Nd4j.createFromArray(one), 2, new int[] {4, 6}).getXYPlot().getDataset();
        assertThat(Math.abs(data.getXValue(0, 0) - 1)).isLessThanOrEqualTo(CategoryScatter.JITTER);
        assertThat(Math.abs(data.getYValue(0, 0) - 4)).isLessThanOrEqualTo(CategoryScatter.JITTER);
        assertThat(Math.abs(data.getXValue(1, 0))).isLessThanOrEqualTo(CategoryScatter.JITTER);
        assertThat(Math.abs(data.getYValue(1, 0) - 6)).isLessThanOrEqualTo(CategoryScatter.JITTER);
    }
}
