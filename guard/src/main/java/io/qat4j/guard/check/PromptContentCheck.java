package io.qat4j.guard.check;

import java.util.List;
import java.util.regex.Matcher;

import io.qat4j.guard.rule.PromptContent;
import io.qat4j.guard.rule.PromptPart;
import io.qat4j.guard.rule.Rule;
import io.qat4j.guard.rule.Term;
import io.qat4j.guard.text.GuardPattern;
import io.qat4j.guard.verdict.Finding;
import io.qat4j.guard.verdict.Span;
import io.qat4j.guard.verdict.Target;

/** Phrases and patterns the system and/or user prompt must not contain. */
final class PromptContentCheck implements RequestCheck {
    private final Rule rule;
    private final PromptContent spec;
    private final int owner;
    private final List<GuardPattern> patterns;

    PromptContentCheck(Rule rule, PromptContent spec, PhraseIndex.Builder index) {
        this.rule = rule;
        this.spec = spec;
        this.owner = index.newOwner();
        for (Term phrase : spec.phrases()) {
            for (TermForm form : TermForm.expand(phrase, false)) {
                index.add(owner, form);
            }
        }
        this.patterns = spec.patterns().stream().map(GuardPattern::compile).toList();
    }

    @Override
    public Rule rule() {
        return rule;
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
                Matcher m = p.pattern().matcher(prompt);
                while (m.find()) {
                    if (m.end() > m.start()) {
                        report(prompt, target, m.start(), m.end(), out);
                    }
                }
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
