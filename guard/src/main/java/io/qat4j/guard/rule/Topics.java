package io.qat4j.guard.rule;

import java.util.List;

/** What makes a text "about" a topic: any keyword (whole-word, inflection-aware) or pattern. */
public record Topics(List<Term> keywords, List<String> patterns) {

    public Topics {
        keywords = Checks.orEmpty(keywords);
        patterns = Checks.patterns(patterns, "when.patterns");
        if (keywords.isEmpty() && patterns.isEmpty()) {
            throw new IllegalArgumentException("'when' must list 'keywords' or 'patterns'");
        }
    }
}
