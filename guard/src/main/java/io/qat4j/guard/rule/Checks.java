package io.qat4j.guard.rule;

import java.util.List;
import java.util.regex.PatternSyntaxException;

import io.qat4j.guard.text.GuardPattern;

/**
 * Validation helpers for rule specs. Messages name the field as written in the guidelines file
 * (snake_case); the loader prefixes the rule id.
 */
final class Checks {
    private Checks() {
    }

    static <T> List<T> orEmpty(List<T> list) {
        return list == null ? List.of() : List.copyOf(list);
    }

    static <T> List<T> nonEmpty(List<T> list, String field) {
        if (list == null || list.isEmpty()) {
            throw new IllegalArgumentException("'" + field + "' must list at least one entry");
        }
        for (int i = 0; i < list.size(); i++) {
            if (list.get(i) == null) {
                throw new IllegalArgumentException("'" + field + "[" + i + "]' is empty");
            }
            if (list.get(i) instanceof String s && s.isBlank()) {
                throw new IllegalArgumentException("'" + field + "[" + i + "]' is blank");
            }
        }
        return List.copyOf(list);
    }

    static String nonBlank(String value, String field) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("'" + field + "' is required");
        }
        return value;
    }

    static int atLeast(Integer value, int min, int defaultValue, String field) {
        int v = value == null ? defaultValue : value;
        if (v < min) {
            throw new IllegalArgumentException("'" + field + "' must be ≥ " + min + ", got " + v);
        }
        return v;
    }

    /** Patterns are case-insensitive unless they turn it off with {@code (?-i)}. */
    static void compile(String regex, String field) {
        try {
            GuardPattern.compile(regex);
        } catch (PatternSyntaxException e) {
            throw new IllegalArgumentException("'" + field + "' is not a valid regular expression: "
                    + e.getDescription() + " near index " + e.getIndex() + " of " + regex);
        }
    }

    static List<String> patterns(List<String> patterns, String field) {
        List<String> list = orEmpty(patterns);
        for (int i = 0; i < list.size(); i++) {
            compile(list.get(i), field + "[" + i + "]");
        }
        return list;
    }

    static void ordered(Number min, Number max, String field) {
        if (min != null && max != null && min.doubleValue() > max.doubleValue()) {
            throw new IllegalArgumentException("'" + field + "': min " + min + " is greater than max " + max);
        }
    }
}
