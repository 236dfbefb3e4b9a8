package io.qat4j.eval.report;

import java.awt.Color;
import java.awt.Font;
import java.util.List;

import org.knowm.xchart.CategoryChart;

import io.qat4j.eval.ModelResult;

/** Prefill and decode tokens/s side by side per model. */
final class SpeedChart {
    private SpeedChart() {}

    static CategoryChart of(List<ModelResult> models, int threads) {
        var shown = models.stream().filter(m -> m.prefillTps() != null || m.decodeTps() != null).toList();
        var chart = new CategoryChart(ChartStyle.PANEL_WIDTH, ChartStyle.PANEL_HEIGHT);
        chart.setTitle("Inference speed (higher is better)");
        chart.setYAxisTitle("tokens per second, " + threads + (threads == 1 ? " thread" : " threads"));
        var s = chart.getStyler();
        ChartStyle.apply(s);
        ChartStyle.barLabels(s);
        s.setLabelsFont(new Font(ChartStyle.FONT, Font.PLAIN, 13));
        s.setDecimalPattern("#,##0");
        s.setYAxisDecimalPattern("#,##0");
        s.setPlotGridVerticalLinesVisible(false);
        ChartStyle.slantCrowdedLabels(s, shown.stream().map(ModelResult::label).toList(), chart.getWidth());
        var labels = shown.stream().map(ModelResult::label).toList();
        var prefill = chart.addSeries("prefill (prompt, one batch)", labels,
                shown.stream().map(m -> m.prefillTps() == null ? 0.0 : m.prefillTps()).toList());
        prefill.setFillColor(new Color(0x54, 0x6E, 0x7A));
        var decode = chart.addSeries("decode (one token at a time)", labels,
                shown.stream().map(m -> m.decodeTps() == null ? 0.0 : m.decodeTps()).toList());
        decode.setFillColor(new Color(0x26, 0xA6, 0x9A));
        return chart;
    }
}
