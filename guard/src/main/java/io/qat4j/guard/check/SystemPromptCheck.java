package io.qat4j.guard.check;

import java.util.List;

import io.qat4j.guard.rule.PromptPart;
import io.qat4j.guard.rule.Rule;
import io.qat4j.guard.rule.SystemPrompt;
import io.qat4j.guard.verdict.Finding;
import io.qat4j.guard.verdict.Target;

/** Every required clause must be in the system prompt (case-insensitive, whitespace runs as one). */
record SystemPromptCheck(Rule rule, SystemPrompt spec, List<String> collapsedClauses) implements RequestCheck {

    static SystemPromptCheck of(Rule rule, SystemPrompt spec) {
        return new SystemPromptCheck(rule, spec, spec.mustContain().stream().map(TextContext::collapse).toList());
    }

    @Override
    public void check(RequestContext context, List<Finding> out) {
        String prompt = TextContext.collapse(context.prompt(PromptPart.SYSTEM));
        for (int i = 0; i < collapsedClauses.size(); i++) {
            if (!prompt.contains(collapsedClauses.get(i))) {
                String clause = spec.mustContain().get(i);
                out.add(Findings.about(rule, Target.SYSTEM_PROMPT, null, null,
                        "the system prompt lacks the clause \"" + clause + "\"", "add: \"" + clause + "\"", null));
            }
        }
    }
}
