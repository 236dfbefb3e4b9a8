package io.qat4j.guard.rule;

import com.fasterxml.jackson.annotation.JsonCreator;

/**
 * A word or phrase a rule looks for. In a guidelines file either a plain string or a map:
 * <pre>
 *   - guarantee                         # plain
 *   - {term: whitelist, use: allowlist} # with a preferred replacement
 *   - {term: US, case_sensitive: true}  # only this exact casing
 * </pre>
 * Matching is whole-word and case-insensitive unless {@code case_sensitive}; runs of whitespace
 * match any run of whitespace. {@code inflect} (default: the rule's) also matches the English
 * inflections of the last word (see {@code io.qat4j.guard.text.Inflections}).
 *
 * @param term          the text to find
 * @param use           the preferred replacement, or null
 * @param caseSensitive null means false
 * @param inflect       null means the rule's default
 */
public record Term(String term, String use, Boolean caseSensitive, Boolean inflect) {

    @JsonCreator(mode = JsonCreator.Mode.PROPERTIES)
    public Term {
        term = Checks.nonBlank(term, "term").strip();
        if (use != null && use.isBlank()) {
            throw new IllegalArgumentException("'use' is blank for term '" + term + "'");
        }
    }

    @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
    public static Term of(String term) {
        return new Term(term, null, null, null);
    }

    public boolean isCaseSensitive() {
        return Boolean.TRUE.equals(caseSensitive);
    }

    public boolean inflects(boolean ruleDefault) {
        return inflect == null ? ruleDefault : inflect;
    }
}
