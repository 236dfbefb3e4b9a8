package io.qat4j.eval.report;

import java.awt.Font;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Function;

import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.style.CategoryStyler;

import io.qat4j.eval.ModelResult;

/**
 * A bar per model, coloured by its role, with the value written on the bar. Models without a value
 * (no reference, no speed test) are left out.
 */
final class ModelBars {
    private ModelBars() {}

    /**
     * @param zoomFrom when not null, the value axis starts here rather than at 0 (said in the axis title)
     */
    static CategoryChart of(String title, String yTitle, List<ModelResult> models, Function<ModelResult, Double> value,
            String decimalPattern, Double zoomFrom) {
        var shown = models.stream().filter(m -> value.apply(m) != null).toList();
        var names = shown.stream().map(ModelResult::label).toList();
        var chart = new CategoryChart(ChartStyle.PANEL_WIDTH,
                ChartStyle.PANEL_HEIGHT + ChartStyle.uprightLabelHeight(names, ChartStyle.PANEL_WIDTH));
        chart.setTitle(title);
        chart.setYAxisTitle(yTitle);
        var s = chart.getStyler();
        ChartStyle.apply(s);
        s.setOverlapped(true);
        s.setLegendVisible(false);
        s.setLabelsFont(new Font(ChartStyle.FONT, Font.PLAIN, 14));
        ChartStyle.barLabels(s);
        s.setDecimalPattern(decimalPattern);
        s.setYAxisDecimalPattern(decimalPattern);
        s.setAvailableSpaceFill(0.6);
        s.setPlotGridVerticalLinesVisible(false);
        ChartStyle.slantCrowdedLabels(s, names, chart.getWidth());
        // Every bar keeps its name (XChart thins crowded category labels; it refuses a count below 2).
        s.setXAxisMaxLabelCount(Math.max(2, names.size()));
        if (ChartStyle.categoryRoom(names.size(), chart.getWidth()) < 90) {
            // narrow bars: wider bars and a smaller font, so the value written on each is not cut off
            s.setAvailableSpaceFill(0.85);
            s.setLabelsFont(new Font(ChartStyle.FONT, Font.PLAIN, 11));
        }
        valueRange(s, shown.stream().mapToDouble(m -> value.apply(m)).toArray(), zoomFrom);
        var categories = shown.stream().map(ModelResult::label).toList();
        for (int i = 0; i < shown.size(); i++) {
            // One series per model so each bar takes its role's colour; overlapped, the gaps vanish.
            var values = new ArrayList<Double>(Arrays.asList(new Double[shown.size()]));
            values.set(i, value.apply(shown.get(i)));
            var series = chart.addSeries(shown.get(i).label(), categories, values);
            series.setFillColor(RolePalette.color(shown.get(i).role()));
        }
        return chart;
    }

    /**
     * An explicit value axis from 0 (or the zoom start) to past the largest bar, with room for the value
     * labels: left to itself, XChart puts ticks only at the extremes of a small mixed-sign range.
     */
    private static void valueRange(CategoryStyler s, double[] values, Double zoomFrom) {
        double lo = zoomFrom != null ? zoomFrom : 0;
        double hi = 0;
        for (double v : values) {
            lo = Math.min(lo, v);
            hi = Math.max(hi, v);
        }
        double span = hi - lo > 0 ? hi - lo : 1;
        s.setYAxisMin(lo < 0 && zoomFrom == null ? lo - 0.08 * span : lo);
        s.setYAxisMax(hi + 0.08 * span);
    }
}
