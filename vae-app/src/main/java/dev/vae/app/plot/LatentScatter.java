package dev.vae.app.plot;

import java.awt.image.BufferedImage;
import java.util.TreeMap;
import org.jfree.chart.ChartFactory;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.plot.XYPlot;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;
import org.nd4j.linalg.api.ndarray.INDArray;

/** Latent means of labelled images, coloured by label: the tutorial's first picture. */
public final class LatentScatter {
    private static final int SIZE = 800;

    private LatentScatter() {
    }

    /**
     * @param means posterior means [N, L] with L at least 2; the first two columns are drawn
     * @param labels one label per row
     */
    public static BufferedImage draw(INDArray means, int[] labels) {
        TreeMap<Integer, XYSeries> byLabel = new TreeMap<>();
        for (int i = 0; i < labels.length; i++) {
            byLabel.computeIfAbsent(labels[i], l -> new XYSeries("label " + l, false))
                    .add(means.getDouble(i, 0), means.getDouble(i, 1));
        }
        XYSeriesCollection data = new XYSeriesCollection();
        byLabel.values().forEach(data::addSeries);
        long dims = means.columns();
        String title = dims == 2 ? "Test examples in the latent space (means of q(z|x))"
                : "Test examples in the latent space: dimensions 1 and 2 of " + dims;
        JFreeChart chart = ChartFactory.createScatterPlot(title, "z[1]", "z[2]", data);
        XYPlot plot = chart.getXYPlot();
        LabelledDots.style(plot, byLabel.keySet(), 5);
        return chart.createBufferedImage(SIZE, SIZE);
    }
}
