package io.qat4j.eval;

import java.util.Locale;

/** How figures are written in tables and reports (one place, so Markdown and HTML agree). */
public final class Formats {
    private Formats() {}

    /** Bytes as KiB, MiB or GiB with three significant digits. */
    public static String size(long bytes) {
        if (bytes < 1024) {
            return bytes + " B";
        }
        String[] units = {"KiB", "MiB", "GiB", "TiB"};
        double v = bytes / 1024.0;
        int u = 0;
        while (v >= 1024 && u < units.length - 1) {
            v /= 1024;
            u++;
        }
        return f(v >= 100 ? "%.0f %s" : v >= 10 ? "%.1f %s" : "%.2f %s", v, units[u]);
    }

    /** The weights' type, with the embedding's when it differs: "Q4_0", "Q4_0, embedding Q8_0". */
    public static String weights(ModelResult m) {
        String e = m.embeddingType();
        return e == null || e.equals(m.weightType()) ? m.weightType() : m.weightType() + ", embedding " + e;
    }

    public static String bpb(double v) {
        return f("%.4f", v);
    }

    /** A signed difference in bits per byte. */
    public static String bpbDelta(double v) {
        return f("%+.4f", v);
    }

    public static String perplexity(double v) {
        return f(v >= 1000 ? "%.0f" : "%.3f", v);
    }

    /** KL in nats per token: small values keep their significant digits. */
    public static String kl(Double v) {
        if (v == null) {
            return "–";
        }
        if (v == 0) {
            return "0";
        }
        return Math.abs(v) < 1e-3 ? f("%.2e", v) : f("%.4f", v);
    }

    /** A fraction as a percentage with two decimals (top-1 agreement). */
    public static String percent(Double v) {
        return v == null ? "–" : f("%.2f %%", 100 * v);
    }

    /** A fraction as a whole percentage (gap recovered). */
    public static String percentWhole(Double v) {
        return v == null ? "–" : f("%.0f %%", 100 * v);
    }

    public static String rate(Double v) {
        return v == null ? "–" : f(v >= 100 ? "%.0f" : "%.1f", v);
    }

    private static String f(String pattern, Object... args) {
        return String.format(Locale.ROOT, pattern, args);
    }
}
