package io.qat4j.guard.rule;

import java.util.List;

/**
 * Content the prompts must not contain (phrases whole-word and case-insensitive, or patterns),
 * such as "ignore previous instructions".
 *
 * @param in which prompts to read; default both
 */
public record PromptContent(List<Term> phrases, List<String> patterns, List<PromptPart> in)
        implements RequestRuleSpec {

    public PromptContent {
        phrases = Checks.orEmpty(phrases);
        patterns = Checks.patterns(patterns, "patterns");
        if (phrases.isEmpty() && patterns.isEmpty()) {
            throw new IllegalArgumentException("'phrases' or 'patterns' must list at least one entry");
        }
        in = in == null || in.isEmpty() ? List.of(PromptPart.values()) : List.copyOf(in);
    }

    @Override
    public RuleKind kind() {
        return RuleKind.PROMPT_CONTENT;
    }
}
