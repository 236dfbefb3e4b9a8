package io.qat4j.guard.check;

import java.util.List;
import java.util.regex.Matcher;

import io.qat4j.guard.rule.RequiredDisclaimer;
import io.qat4j.guard.rule.Rule;
import io.qat4j.guard.text.GuardPattern;
import io.qat4j.guard.verdict.Edit;
import io.qat4j.guard.verdict.Finding;

/**
 * When a topic comes up (the first keyword hit or pattern match), one of the disclaimer wordings
 * must be present. The finding points at the trigger; its fix appends the first wording as a
 * paragraph at the end.
 */
record DisclaimerCheck(Rule rule, RequiredDisclaimer spec, int owner, List<GuardPattern> patterns,
        List<String> collapsedWordings) implements TextCheck {

    static DisclaimerCheck of(Rule rule, RequiredDisclaimer spec, PhraseIndex.Builder index) {
        return new DisclaimerCheck(rule, spec, index.newOwner(spec.when().keywords(), true),
                spec.when().patterns().stream().map(GuardPattern::compile).toList(),
                spec.disclaimer().stream().map(TextContext::collapse).toList());
    }

    @Override
    public void check(TextContext context, List<Finding> out) {
        String text = context.text();
        int start = Integer.MAX_VALUE;
        int end = -1;
        for (PhraseIndex.Hit hit : context.hits(owner)) {
            if (hit.start() < start) {
                start = hit.start();
                end = hit.end();
            }
        }
        for (GuardPattern p : patterns) {
            Matcher m = p.matcherIfPossible(text, context.folded());
            if (m != null && m.find() && m.start() < start) {
                start = m.start();
                end = m.end();
            }
        }
        if (end < 0) {
            return;
        }
        String collapsed = context.collapsed();
        for (String wording : collapsedWordings) {
            if (collapsed.contains(wording)) {
                return;
            }
        }
        String disclaimer = spec.disclaimer().getFirst();
        String separator = text.isBlank() ? "" : text.endsWith("\n") ? "\n" : "\n\n";
        out.add(Findings.at(rule, text, start, end,
                "mentions '" + text.substring(start, end) + "' but lacks the required disclaimer",
                "add: \"" + disclaimer + "\"", new Edit(text.length(), text.length(), separator + disclaimer)));
    }
}
