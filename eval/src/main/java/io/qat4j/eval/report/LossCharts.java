package io.qat4j.eval.report;

import java.awt.BasicStroke;
import java.awt.Color;

import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.SeriesMarkers;

import io.qat4j.eval.ModelRole;

/**
 * The plot of one training or QAT log: the training objective per step (raw, and smoothed so the trend
 * shows through the batch noise) on the left axis, and the validation bits per byte on the right axis.
 * Two axes because a distillation run's objective (KL to the teacher) and its validation cross-entropy
 * live on different scales; runs of different lengths and objectives get a chart each rather than one
 * chart where the longest run flattens the others.
 */
final class LossCharts {
    private static final Color[] OTHERS = {new Color(0x15, 0x65, 0xC0), new Color(0x6A, 0x1B, 0x9A),
        new Color(0x00, 0x83, 0x8F), new Color(0x8D, 0x6E, 0x63)};

    private LossCharts() {}

    /** The run's colour: its role's when its name says one (float, qat, ...), else one of a few others. */
    static Color color(TrainingLog log, int index) {
        ModelRole role = ModelRole.of(log.name());
        return role == ModelRole.OTHER ? OTHERS[index % OTHERS.length] : RolePalette.color(role);
    }

    static XYChart of(TrainingLog log, int index) {
        var chart = new XYChart(ChartStyle.PANEL_WIDTH, ChartStyle.PANEL_HEIGHT);
        chart.setTitle("Training run: " + log.name());
        chart.setXAxisTitle("step");
        chart.setYAxisTitle("training loss, nats per token");
        var s = chart.getStyler();
        ChartStyle.apply(s);
        s.setDefaultSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Line);
        var points = log.points();
        int n = points.size();
        s.setXAxisMin(0.0);
        s.setXAxisMax(niceCeiling(points.get(n - 1).step()));
        s.setXAxisDecimalPattern("#,##0");

        double[] steps = new double[n];
        double[] raw = new double[n];
        for (int i = 0; i < n; i++) {
            // XChart puts a tick at every x of an evenly spaced series (1, 15, 29, ... unreadable); a shift of
            // 1/5000 step on every other point, invisible at any size, gets round ticks (0, 50, 100...) instead.
            steps[i] = points.get(i).step() + (i % 2) * 2e-4;
            raw[i] = points.get(i).loss();
        }
        double[] smooth = centredMean(raw, n / 40);
        Color c = color(log, index);
        if (n > 20) {
            var r = chart.addSeries("loss per step", steps, raw);
            r.setMarker(SeriesMarkers.NONE);
            r.setLineColor(new Color(c.getRed(), c.getGreen(), c.getBlue(), 60));
            r.setLineWidth(1f);
        }
        var sm = chart.addSeries(n > 20 ? "loss, smoothed" : "loss", steps, smooth);
        sm.setMarker(SeriesMarkers.NONE);
        sm.setLineColor(c);
        sm.setLineWidth(2.5f);
        var val = points.stream().filter(p -> !Double.isNaN(p.valBpb())).toList();
        if (!val.isEmpty()) {
            chart.setYAxisGroupTitle(1, "validation bits per byte");
            s.setYAxisGroupPosition(1, Styler.YAxisPosition.Right);
            var v = chart.addSeries("validation bits per byte (right axis)",
                    val.stream().mapToDouble(p -> p.step()).toArray(), val.stream().mapToDouble(p -> p.valBpb()).toArray());
            v.setYAxisGroup(1);
            v.setMarker(SeriesMarkers.DIAMOND);
            v.setMarkerColor(ChartStyle.INK);
            v.setLineColor(ChartStyle.INK);
            v.setLineStyle(new BasicStroke(1.5f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f, new float[] {6f, 4f}, 0f));
        }
        return chart;
    }

    /** The smallest 1, 2 or 5 × 10^k step count at or above {@code x}, so the axis ends on a round tick. */
    static double niceCeiling(double x) {
        if (x <= 1) {
            return 1;
        }
        double p = Math.pow(10, Math.floor(Math.log10(x)));
        for (double m : new double[] {1, 1.5, 2, 2.5, 3, 4, 5, 6, 8, 10}) {
            if (m * p >= x) {
                return m * p;
            }
        }
        return 10 * p;
    }

    /** The mean of each point's neighbourhood of ±{@code half} points (narrower at the ends): no lag. */
    static double[] centredMean(double[] xs, int half) {
        double[] prefix = new double[xs.length + 1];
        for (int i = 0; i < xs.length; i++) {
            prefix[i + 1] = prefix[i] + xs[i];
        }
        double[] out = new double[xs.length];
        for (int i = 0; i < xs.length; i++) {
            int k = Math.min(half, Math.min(i, xs.length - 1 - i));
            out[i] = (prefix[i + k + 1] - prefix[i - k]) / (2 * k + 1);
        }
        return out;
    }
}
