package io.qat4j.guard;

/**
 * How a verdict is scored. Each finding costs the weight of its severity:
 * {@code score = max(0, 100 − Σ weight(finding.severity))}, rounded to the nearest integer.
 * The <em>gate score</em> is the same sum over the findings of required rules only; a text passes
 * when its gate score is at least {@code threshold} and no required rule found an error.
 *
 * @param threshold     0–100; default 80
 * @param errorWeight   default 20
 * @param warningWeight default 5
 * @param infoWeight    default 0
 */
public record Scoring(Integer threshold, Double errorWeight, Double warningWeight, Double infoWeight) {

    public static final Scoring DEFAULT = new Scoring(null, null, null, null);

    public Scoring {
        threshold = threshold == null ? 80 : threshold;
        if (threshold < 0 || threshold > 100) {
            throw new IllegalArgumentException("'threshold' must be between 0 and 100, got " + threshold);
        }
        errorWeight = weight(errorWeight, 20, "error_weight");
        warningWeight = weight(warningWeight, 5, "warning_weight");
        infoWeight = weight(infoWeight, 0, "info_weight");
    }

    private static double weight(Double w, double defaultValue, String field) {
        double v = w == null ? defaultValue : w;
        if (!(v >= 0) || Double.isInfinite(v)) {
            throw new IllegalArgumentException("'" + field + "' must be a finite number ≥ 0, got " + v);
        }
        return v;
    }

    public double weight(Severity severity) {
        return switch (severity) {
            case ERROR -> errorWeight;
            case WARNING -> warningWeight;
            case INFO -> infoWeight;
        };
    }
}
