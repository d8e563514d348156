package dev.vae.app.plot;

import dev.vae.core.EpochStats;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.image.BufferedImage;
import java.util.List;
import org.jfree.chart.ChartFactory;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

/** Training and validation loss by epoch. */
public final class LossChart {
    private static final int WIDTH = 800;
    private static final int HEIGHT = 500;

    private LossChart() {
    }

    /** Draws the history of a run. */
    public static BufferedImage draw(List<EpochStats> history) {
        XYSeries train = new XYSeries("train (mean over the epoch's steps)");
        XYSeries validation = new XYSeries("validation");
        for (EpochStats s : history) {
            train.add(s.epoch(), s.trainNelbo());
            validation.add(s.epoch(), s.validationNelbo());
        }
        XYSeriesCollection data = new XYSeriesCollection();
        data.addSeries(train);
        data.addSeries(validation);
        JFreeChart chart = ChartFactory.createXYLineChart("Negative ELBO by epoch", "epoch", "NELBO (nats per image)", data);
        XYPlot plot = chart.getXYPlot();
        plot.setBackgroundPaint(Color.WHITE);
        plot.setDomainGridlinePaint(Color.LIGHT_GRAY);
        plot.setRangeGridlinePaint(Color.LIGHT_GRAY);
        plot.getRangeAxis().setAutoRange(true);
        ((org.jfree.chart.axis.NumberAxis) plot.getRangeAxis()).setAutoRangeIncludesZero(false);
        XYLineAndShapeRenderer renderer = new XYLineAndShapeRenderer(true, history.size() <= 60);
        renderer.setSeriesPaint(0, Palette.color(0));
        renderer.setSeriesPaint(1, Palette.color(1));
        renderer.setSeriesStroke(0, new BasicStroke(2f));
        renderer.setSeriesStroke(1, new BasicStroke(2f));
        plot.setRenderer(renderer);
        return chart.createBufferedImage(WIDTH, HEIGHT);
    }
}
