package io.qat4j.guard.check;

import java.util.List;

import io.qat4j.guard.rule.PromptContent;
import io.qat4j.guard.rule.PromptPart;
import io.qat4j.guard.rule.Rule;
import io.qat4j.guard.text.GuardPattern;
import io.qat4j.guard.verdict.Finding;
import io.qat4j.guard.verdict.Span;
import io.qat4j.guard.verdict.Target;

/** Phrases and patterns the system and/or user prompt must not contain. */
record PromptContentCheck(Rule rule, PromptContent spec, int owner, List<GuardPattern> patterns)
        implements RequestCheck {

    static PromptContentCheck of(Rule rule, PromptContent spec, PhraseIndex.Builder index) {
        return new PromptContentCheck(rule, spec, index.newOwner(spec.phrases(), false),
                spec.patterns().stream().map(GuardPattern::compile).toList());
    }

    @Override
    public void check(RequestContext context, List<Finding> out) {
        for (PromptPart part : spec.in()) {
            String prompt = context.prompt(part);
            Target target = part == PromptPart.SYSTEM ? Target.SYSTEM_PROMPT : Target.USER_PROMPT;
            for (PhraseIndex.Hit hit : context.hits(part, owner)) {
                if (hit.form().term().isCaseSensitive()
                        && !Casing.sameSpelling(prompt.substring(hit.start(), hit.end()), hit.form().text())) {
                    continue;
                }
                report(prompt, target, hit.start(), hit.end(), out);
            }
            for (GuardPattern p : patterns) {
                p.forEachMatch(prompt, null, (start, end) -> report(prompt, target, start, end, out));
            }
        }
    }

    private void report(String prompt, Target target, int start, int end, List<Finding> out) {
        String found = prompt.substring(start, end);
        out.add(Findings.about(rule, target, new Span(start, end), found,
                "the " + target.label().replace('-', ' ') + " contains '" + found + "', which is not allowed",
                Findings.advice(rule, "remove it"), null));
    }
}
