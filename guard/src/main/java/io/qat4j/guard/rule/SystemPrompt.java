package io.qat4j.guard.rule;

import java.util.List;

/**
 * Clauses the system prompt must contain (case-insensitive, whitespace runs as one space), e.g.
 * "You write on behalf of QAT4J Cloud."
 */
public record SystemPrompt(List<String> mustContain) implements RequestRuleSpec {

    public SystemPrompt {
        mustContain = Checks.nonEmpty(mustContain, "must_contain").stream().map(String::strip).toList();
    }

    @Override
    public RuleKind kind() {
        return RuleKind.SYSTEM_PROMPT;
    }
}
