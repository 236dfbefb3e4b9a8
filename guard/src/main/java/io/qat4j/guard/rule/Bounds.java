package io.qat4j.guard.rule;

/** A closed interval; either end may be absent. */
public record Bounds(Double min, Double max) {

    public Bounds {
        if (min == null && max == null) {
            throw new IllegalArgumentException("'min' or 'max' is required");
        }
        Checks.ordered(min, max, "min/max");
    }

    public boolean contains(double value) {
        return (min == null || value >= min) && (max == null || value <= max);
    }

    public String describe() {
        if (min == null) {
            return "at most " + format(max);
        }
        if (max == null) {
            return "at least " + format(min);
        }
        return "between " + format(min) + " and " + format(max);
    }

    private static String format(double v) {
        return v == Math.rint(v) && Math.abs(v) < 1e15 ? Long.toString((long) v) : Double.toString(v);
    }
}
