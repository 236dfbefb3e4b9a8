package io.qat4j.guard.verdict;

/**
 * A range [start, end) of Java {@code char} indices (UTF-16 code units) in the checked text, as
 * {@link String#substring(int, int)} takes them. Spans never split a surrogate pair. A client that
 * counts code points (JavaScript's {@code Array.from}, Python's {@code str}) must convert.
 */
public record Span(int start, int end) {

    public Span {
        if (start < 0 || end < start) {
            throw new IllegalArgumentException("span [" + start + ", " + end + ") is not a range");
        }
    }
}
