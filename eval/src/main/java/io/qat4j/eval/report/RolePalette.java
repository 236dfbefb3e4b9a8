package io.qat4j.eval.report;

import java.awt.Color;

import org.knowm.xchart.style.markers.Marker;
import org.knowm.xchart.style.markers.SeriesMarkers;

import io.qat4j.eval.ModelRole;

/**
 * One colour and marker per role, the same in every plot and in the HTML table: float dark slate,
 * control grey, RTN red, other PTQ orange, QAT green, anything else blue. Colour-blind readers get the
 * marker shape and the labels too.
 */
public final class RolePalette {
    private RolePalette() {}

    public static Color color(ModelRole role) {
        return switch (role) {
            case FLOAT -> new Color(0x37, 0x47, 0x4F);
            case CONTROL -> new Color(0x90, 0xA4, 0xAE);
            case RTN -> new Color(0xD3, 0x2F, 0x2F);
            case PTQ -> new Color(0xEF, 0x6C, 0x00);
            case QAT -> new Color(0x2E, 0x7D, 0x32);
            case OTHER -> new Color(0x15, 0x65, 0xC0);
        };
    }

    public static Marker marker(ModelRole role) {
        return switch (role) {
            case FLOAT -> SeriesMarkers.DIAMOND;
            case CONTROL -> SeriesMarkers.SQUARE;
            case RTN -> SeriesMarkers.TRIANGLE_UP;
            case PTQ -> SeriesMarkers.TRIANGLE_DOWN;
            case QAT -> SeriesMarkers.CIRCLE;
            case OTHER -> SeriesMarkers.CROSS;
        };
    }

    /** The colour as CSS ({@code #rrggbb}). */
    public static String css(ModelRole role) {
        return String.format("#%06x", color(role).getRGB() & 0xFFFFFF);
    }

    /** What the role means, for legends and the HTML key. */
    public static String meaning(ModelRole role) {
        return switch (role) {
            case FLOAT -> "float (unquantized)";
            case CONTROL -> "control: float, fine-tuned like QAT";
            case RTN -> "RTN: round-to-nearest PTQ";
            case PTQ -> "calibrated PTQ";
            case QAT -> "QAT: quantization-aware trained";
            case OTHER -> "other";
        };
    }
}
