package io.qat4j.guard.review;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** The workflow's enum spelling in the API and the database: the constant's name in lower case ({@code in_review}). */
final class SnakeLabels {
    private SnakeLabels() {
    }

    static String of(Enum<?> constant) {
        return constant.name().toLowerCase(Locale.ROOT);
    }

    /** The constant labelled {@code label}; otherwise an error naming the {@code kind} and the labels allowed. */
    static <E extends Enum<E>> E parse(Class<E> type, String label, String kind) {
        for (E e : type.getEnumConstants()) {
            if (of(e).equals(label)) {
                return e;
            }
        }
        throw new IllegalArgumentException("unknown " + kind + " '" + label + "' (" + kind + "s: "
                + Arrays.stream(type.getEnumConstants()).map(SnakeLabels::of).collect(Collectors.joining(", ")) + ")");
    }
}
