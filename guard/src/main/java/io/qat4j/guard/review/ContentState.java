package io.qat4j.guard.review;

import java.util.Locale;

/**
 * Where a content item is in its life: {@code checked} (just checked against the guideline) →
 * {@code in_review} → {@code approved} | {@code rejected} | {@code changes_requested} →
 * {@code published}. Labels are lower case with underscores, in the API and the database.
 */
public enum ContentState {
    CHECKED, IN_REVIEW, APPROVED, REJECTED, CHANGES_REQUESTED, PUBLISHED;

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static ContentState parse(String label) {
        for (ContentState s : values()) {
            if (s.label().equals(label)) {
                return s;
            }
        }
        throw new IllegalArgumentException("unknown state '" + label + "' (states: checked, in_review, approved,"
                + " rejected, changes_requested, published)");
    }
}
