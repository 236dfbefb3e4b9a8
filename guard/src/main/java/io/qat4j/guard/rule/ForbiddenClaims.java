package io.qat4j.guard.rule;

import java.util.List;

/**
 * Claims that must not be made, as phrases (whole-word, inflection-aware) and regular expressions
 * (case-insensitive unless they start with {@code (?-i)}).
 *
 * @param phrases  phrases such as "risk-free"
 * @param patterns regular expressions such as {@code \b100\s*%\s+(safe|secure)\b}
 * @param inflect  default true
 * @param decode   mask the phrases (not the patterns) at decode time; default false
 */
public record ForbiddenClaims(List<Term> phrases, List<String> patterns, Boolean inflect, Boolean decode)
        implements PhraseRuleSpec {

    public ForbiddenClaims {
        phrases = Checks.orEmpty(phrases);
        patterns = Checks.patterns(patterns, "patterns");
        if (phrases.isEmpty() && patterns.isEmpty()) {
            throw new IllegalArgumentException("'phrases' or 'patterns' must list at least one entry");
        }
        inflect = inflect == null || inflect;
        decode = decode != null && decode;
    }

    @Override
    public RuleKind kind() {
        return RuleKind.FORBIDDEN_CLAIMS;
    }
}
