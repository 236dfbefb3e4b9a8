package io.qat4j.guard.review;

/**
 * Where a content item is in its life: {@code checked} (just checked against the guideline) →
 * {@code in_review} → {@code approved} | {@code rejected} | {@code changes_requested} →
 * {@code published}. Labels are lower case with underscores, in the API and the database.
 */
public enum ContentState {
    CHECKED, IN_REVIEW, APPROVED, REJECTED, CHANGES_REQUESTED, PUBLISHED;

    public String label() {
        return SnakeLabels.of(this);
    }

    public static ContentState parse(String label) {
        return SnakeLabels.parse(ContentState.class, label, "state");
    }
}
