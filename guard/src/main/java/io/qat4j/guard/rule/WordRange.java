package io.qat4j.guard.rule;

/** A length in words: either bound may be absent. */
public record WordRange(Integer minWords, Integer maxWords) {

    public WordRange {
        if (minWords == null && maxWords == null) {
            throw new IllegalArgumentException("'min_words' or 'max_words' is required");
        }
        if (minWords != null) {
            Checks.atLeast(minWords, 0, 0, "min_words");
        }
        if (maxWords != null) {
            Checks.atLeast(maxWords, 1, 1, "max_words");
        }
        Checks.ordered(minWords, maxWords, "min_words/max_words");
    }

    public boolean contains(int words) {
        return (minWords == null || words >= minWords) && (maxWords == null || words <= maxWords);
    }
}
