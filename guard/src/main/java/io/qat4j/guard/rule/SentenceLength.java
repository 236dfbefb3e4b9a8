package io.qat4j.guard.rule;

/** Sentences longer than {@code max_words} words; each one is a finding spanning the sentence. */
public record SentenceLength(Integer maxWords) implements TextRuleSpec {

    public SentenceLength {
        if (maxWords == null) {
            throw new IllegalArgumentException("'max_words' is required");
        }
        Checks.atLeast(maxWords, 1, 1, "max_words");
    }

    @Override
    public RuleKind kind() {
        return RuleKind.SENTENCE_LENGTH;
    }
}
