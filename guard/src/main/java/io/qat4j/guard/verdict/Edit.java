package io.qat4j.guard.verdict;

/**
 * A change {@code fix} can make: replace [start, end) of the checked text (Java char indices) with
 * {@code replacement}. An empty range inserts; an empty replacement deletes.
 */
public record Edit(int start, int end, String replacement) {

    public Edit {
        if (start < 0 || end < start) {
            throw new IllegalArgumentException("edit [" + start + ", " + end + ") is not a range");
        }
        if (replacement == null) {
            throw new IllegalArgumentException("an edit needs a replacement (empty to delete)");
        }
    }
}
