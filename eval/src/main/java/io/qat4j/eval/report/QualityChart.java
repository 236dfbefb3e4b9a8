package io.qat4j.eval.report;

import java.awt.BasicStroke;
import java.util.ArrayList;

import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;

import io.qat4j.eval.EvalResult;
import io.qat4j.eval.Formats;
import io.qat4j.eval.ModelResult;
import io.qat4j.eval.ModelRole;

/**
 * The headline plot: bits per byte against file size, one labelled point per model, the float model's
 * score as a dashed line across. A quantized model near the line at a fraction of the size is a good
 * one; QAT below RTN at the same size is the point of QAT.
 */
final class QualityChart {
    private static final double MIB = 1024.0 * 1024.0;

    private QualityChart() {}

    static XYChart of(EvalResult r) {
        var chart = new XYChart(ChartStyle.HERO_WIDTH, ChartStyle.HERO_HEIGHT);
        chart.setTitle("Quality vs size: lower is better, further left is smaller");
        chart.setXAxisTitle("GGUF file size (MiB)");
        chart.setYAxisTitle("bits per byte, " + r.split() + " split (lower is better)");
        var s = chart.getStyler();
        ChartStyle.apply(s);
        s.setDefaultSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
        s.setMarkerSize(13);
        double minY = Double.MAX_VALUE;
        double maxY = -Double.MAX_VALUE;
        double maxX = 0;
        var labels = new ArrayList<PointLabels.Label>();
        for (ModelResult m : r.models()) {
            double x = m.fileBytes() / MIB;
            double y = m.bitsPerByte();
            var series = chart.addSeries(m.label(), new double[] {x}, new double[] {y});
            series.setMarker(RolePalette.marker(m.role()));
            series.setMarkerColor(RolePalette.color(m.role()));
            series.setShowInLegend(false);
            labels.add(new PointLabels.Label(x, y, m.label(), RolePalette.color(m.role())));
            minY = Math.min(minY, y);
            maxY = Math.max(maxY, y);
            maxX = Math.max(maxX, x);
        }
        double xMax = maxX * 1.25;
        ModelResult floatModel = r.first(ModelRole.FLOAT);
        if (floatModel != null) {
            var line = chart.addSeries("float model: " + Formats.bpb(floatModel.bitsPerByte()) + " bits/byte",
                    new double[] {0, xMax}, new double[] {floatModel.bitsPerByte(), floatModel.bitsPerByte()});
            line.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Line);
            line.setMarker(org.knowm.xchart.style.markers.SeriesMarkers.NONE);
            line.setLineColor(RolePalette.color(ModelRole.FLOAT));
            line.setLineStyle(new BasicStroke(1.5f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f, new float[] {8f, 6f}, 0f));
        } else {
            s.setLegendVisible(false);
        }
        double span = Math.max(maxY - minY, 1e-3);
        s.setXAxisMin(0.0);
        s.setXAxisMax(xMax);
        s.setYAxisMin(minY - 0.15 * span);
        s.setYAxisMax(maxY + 0.15 * span);
        s.setYAxisDecimalPattern(span < 0.01 ? "0.0000" : span < 0.1 ? "0.000" : "0.00");
        s.setXAxisDecimalPattern(maxX < 1 ? "0.00" : maxX < 10 ? "0.0" : "0");
        chart.addAnnotation(new PointLabels(labels));
        return chart;
    }
}
