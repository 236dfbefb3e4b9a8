package io.qat4j.guard;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * The spelling of enum constants in guideline files and verdict JSON: lower case with hyphens
 * ({@code FIRST_PERSON_SINGULAR} is {@code first-person-singular}), so files read like prose.
 */
public final class Labels {
    private Labels() {
    }

    public static String of(Enum<?> constant) {
        return constant.name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /** The constant whose label is {@code label}; otherwise a message listing the labels allowed. */
    public static <E extends Enum<E>> E parse(Class<E> type, String label) {
        for (E e : type.getEnumConstants()) {
            if (of(e).equals(label)) {
                return e;
            }
        }
        throw new IllegalArgumentException("must be " + allowed(type) + (label == null ? "" : ", not '" + label + "'"));
    }

    /** "a, b or c". */
    public static String allowed(Class<? extends Enum<?>> type) {
        List<String> labels = Arrays.stream(type.getEnumConstants()).map(e -> of((Enum<?>) e)).toList();
        if (labels.size() == 1) {
            return labels.getFirst();
        }
        return String.join(", ", labels.subList(0, labels.size() - 1)) + " or " + labels.getLast();
    }
}
