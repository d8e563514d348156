package dev.vae.app.plot;

import java.awt.image.BufferedImage;
import java.util.Random;
import java.util.TreeMap;
import org.jfree.chart.ChartFactory;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.XYPlot;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Labelled images placed by the most probable category of relaxed categorical latent variables:
 * with two or more variables, the categories of the first two; with one, its category against the
 * label. Points are jittered within their cell, so that its count shows. The means of such codes are
 * category probabilities, which a scatter of two columns would pile up at 0 and 1.
 */
public final class CategoryScatter {
    /** Half the width of a cell that jittered points spread over. */
    static final double JITTER = 0.4;
    private static final int SIZE = 800;
    private static final long JITTER_SEED = 1;

    private CategoryScatter() {
    }

    /**
     * @param probabilities category probabilities [N, variables x categories], each variable's
     *     categories side by side
     * @param categories C, the categories of each variable
     * @param labels one label per row
     */
    public static BufferedImage draw(INDArray probabilities, int categories, int[] labels) {
        return chart(probabilities, categories, labels).createBufferedImage(SIZE, SIZE);
    }

    static JFreeChart chart(INDArray probabilities, int categories, int[] labels) {
        int[][] chosen = mostProbable(probabilities, categories);
        int variables = chosen[0].length;
        Random jitter = new Random(JITTER_SEED);
        TreeMap<Integer, XYSeries> byLabel = new TreeMap<>();
        for (int i = 0; i < labels.length; i++) {
            double y = variables >= 2 ? chosen[i][1] : labels[i];
            byLabel.computeIfAbsent(labels[i], l -> new XYSeries("label " + l, false))
                    .add(chosen[i][0] + jittered(jitter), y + jittered(jitter));
        }
        XYSeriesCollection data = new XYSeriesCollection();
        byLabel.values().forEach(data::addSeries);
        String title = variables == 1 ? "Test images by the most probable category of z[1]"
                : "Test images by the most probable categories of z[1] and z[2]" + (variables > 2 ? " of " + variables : "");
        JFreeChart chart = ChartFactory.createScatterPlot(title, "category of z[1]",
                variables >= 2 ? "category of z[2]" : "label", data);
        XYPlot plot = chart.getXYPlot();
        LabelledDots.style(plot, byLabel.keySet(), 4);
        cells((NumberAxis) plot.getDomainAxis(), 0, categories - 1);
        cells((NumberAxis) plot.getRangeAxis(), variables >= 2 ? 0 : byLabel.firstKey(),
                variables >= 2 ? categories - 1 : byLabel.lastKey());
        return chart;
    }

    /** The most probable category of each variable of each row, [N][variables]. */
    static int[][] mostProbable(INDArray probabilities, int categories) {
        int rows = (int) probabilities.rows();
        int variables = (int) probabilities.columns() / categories;
        int[][] chosen = new int[rows][variables];
        for (int i = 0; i < rows; i++) {
            for (int v = 0; v < variables; v++) {
                int best = 0;
                for (int c = 1; c < categories; c++) {
                    if (probabilities.getDouble(i, v * categories + c) > probabilities.getDouble(i, v * categories + best)) {
                        best = c;
                    }
                }
                chosen[i][v] = best;
            }
        }
        return chosen;
    }

    private static double jittered(Random jitter) {
        return (2 * jitter.nextDouble() - 1) * JITTER;
    }

    /** Whole numbers as ticks, one cell per value from {@code first} to {@code last}. */
    private static void cells(NumberAxis axis, int first, int last) {
        axis.setStandardTickUnits(NumberAxis.createIntegerTickUnits());
        axis.setRange(first - 0.5, last + 0.5);
    }
}
