package io.qat4j.guard.rule;

/**
 * Bounds on the Flesch reading ease of the whole text (higher is easier; 60–70 is plain English).
 * Texts shorter than {@code min_words} are not scored: the formula is noise on a few words.
 */
public record Readability(Double min, Double max, Integer minWords) implements TextRuleSpec {

    public Readability {
        if (min == null && max == null) {
            throw new IllegalArgumentException("'min' or 'max' is required");
        }
        Checks.ordered(min, max, "min/max");
        minWords = Checks.atLeast(minWords, 1, 30, "min_words");
    }

    @Override
    public RuleKind kind() {
        return RuleKind.READABILITY;
    }
}
