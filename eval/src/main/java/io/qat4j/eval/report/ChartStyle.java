package io.qat4j.eval.report;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.util.List;

import org.knowm.xchart.style.AxesChartStyler;
import org.knowm.xchart.style.CategoryStyler;
import org.knowm.xchart.style.Styler;

/** The look every report chart shares: white, light grid, readable fonts, legend below the plot. */
final class ChartStyle {
    /** The headline chart, shown across the page. */
    static final int HERO_WIDTH = 1000;
    static final int HERO_HEIGHT = 580;
    /** Charts shown two side by side. */
    static final int PANEL_WIDTH = 760;
    static final int PANEL_HEIGHT = 500;
    static final Color INK = new Color(0x21, 0x21, 0x21);
    static final Color GRID = new Color(0xE0, 0xE0, 0xE0);
    static final String FONT = Font.SANS_SERIF;

    private ChartStyle() {}

    static void apply(AxesChartStyler s) {
        s.setChartBackgroundColor(Color.WHITE);
        s.setPlotBackgroundColor(Color.WHITE);
        s.setPlotBorderVisible(true);
        s.setPlotBorderColor(new Color(0xBD, 0xBD, 0xBD));
        s.setPlotGridLinesColor(GRID);
        s.setPlotGridLinesStroke(new BasicStroke(1f));
        s.setChartFontColor(INK);
        s.setChartTitleFont(new Font(FONT, Font.BOLD, 20));
        s.setChartTitleBoxVisible(false);
        s.setChartTitlePadding(12);
        s.setAxisTitleFont(new Font(FONT, Font.PLAIN, 16));
        s.setAxisTickLabelsFont(new Font(FONT, Font.PLAIN, 14));
        s.setAxisTickLabelsColor(INK);
        s.setLegendFont(new Font(FONT, Font.PLAIN, 14));
        s.setLegendPosition(Styler.LegendPosition.OutsideS);
        s.setLegendLayout(Styler.LegendLayout.Horizontal);
        s.setLegendBorderColor(Color.WHITE);
        s.setAnnotationTextFont(new Font(FONT, Font.PLAIN, 14));
        s.setAnnotationTextFontColor(INK);
        s.setChartPadding(14);
        s.setPlotMargin(8);
        s.setAntiAlias(true);
        s.setTextAntiAlias(true);
    }

    /** Values written inside the top of each bar, white on dark bars and dark on light ones. */
    static void barLabels(CategoryStyler s) {
        s.setLabelsVisible(true);
        s.setLabelsFontColorAutomaticEnabled(true);
        s.setLabelsFontColorAutomaticLight(Color.WHITE);
        s.setLabelsFontColorAutomaticDark(INK);
        s.setLabelsPosition(0.97);
    }

    /**
     * Slants the category labels when they would not fit side by side under the bars (about 8 px per
     * character at the tick font, over the plot's width), and stands them upright when even slanted they
     * would overlap: XChart silently drops overlapping category labels, which leaves bars without names.
     */
    static void slantCrowdedLabels(AxesChartStyler s, List<String> labels, int chartWidth) {
        s.setXAxisLabelRotation(labelRotation(labels, chartWidth));
    }

    /** 0, 25 or 90 degrees: the least slant at which every category label fits (see {@link #slantCrowdedLabels}). */
    static int labelRotation(List<String> labels, int chartWidth) {
        int longest = labels.stream().mapToInt(String::length).max().orElse(0);
        double room = categoryRoom(labels.size(), chartWidth);
        if (longest * 8.0 <= room) {
            return 0;
        }
        return longest * 8.0 * Math.cos(Math.toRadians(25)) <= room ? 25 : 90;
    }

    /** Horizontal pixels per category. */
    static double categoryRoom(int categories, int chartWidth) {
        return (chartWidth - 120.0) / Math.max(1, categories);
    }

    /** Extra chart height for upright category labels, so the plot keeps its size. */
    static int uprightLabelHeight(List<String> labels, int chartWidth) {
        int longest = labels.stream().mapToInt(String::length).max().orElse(0);
        return labelRotation(labels, chartWidth) == 90 ? Math.max(0, longest * 8 - 40) : 0;
    }
}
