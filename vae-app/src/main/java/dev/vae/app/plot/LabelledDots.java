package dev.vae.app.plot;

import java.awt.Color;
import java.awt.geom.Ellipse2D;
import java.util.Set;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;

/** The look of a scatter of points coloured by label: a white plot with light grid lines, one colour per label. */
final class LabelledDots {
    private LabelledDots() {
    }

    /**
     * @param labels the series' labels, in the order of the plot's series
     * @param diameter of each dot, in pixels
     */
    static void style(XYPlot plot, Set<Integer> labels, double diameter) {
        plot.setBackgroundPaint(Color.WHITE);
        plot.setDomainGridlinePaint(Color.LIGHT_GRAY);
        plot.setRangeGridlinePaint(Color.LIGHT_GRAY);
        XYLineAndShapeRenderer renderer = new XYLineAndShapeRenderer(false, true);
        int series = 0;
        for (Integer label : labels) {
            renderer.setSeriesPaint(series, Palette.color(label));
            renderer.setSeriesShape(series, new Ellipse2D.Double(-diameter / 2, -diameter / 2, diameter, diameter));
            series++;
        }
        plot.setRenderer(renderer);
    }
}
