package io.qat4j.guard.check;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import io.qat4j.guard.rule.Competitors;
import io.qat4j.guard.rule.ForbiddenClaims;
import io.qat4j.guard.rule.PhraseRuleSpec;
import io.qat4j.guard.rule.Rule;
import io.qat4j.guard.rule.Term;
import io.qat4j.guard.rule.TermStatus;
import io.qat4j.guard.rule.Terminology;
import io.qat4j.guard.text.GuardPattern;
import io.qat4j.guard.verdict.Edit;
import io.qat4j.guard.verdict.Finding;

/**
 * Banned and deprecated terms, competitor names and forbidden claims: whole-word phrase hits from
 * the shared index (plus a forbidden-claims rule's regular expressions). Overlapping hits of one
 * rule keep the leftmost, then longest.
 */
record PhraseCheck(Rule rule, PhraseRuleSpec spec, int owner, List<GuardPattern> patterns) implements TextCheck {
    private record Candidate(int start, int end, TermForm form) {
    }

    static PhraseCheck of(Rule rule, PhraseRuleSpec spec, PhraseIndex.Builder index) {
        List<GuardPattern> patterns = spec instanceof ForbiddenClaims fc
                ? fc.patterns().stream().map(GuardPattern::compile).toList() : List.of();
        return new PhraseCheck(rule, spec, index.newOwner(spec.phrases(), spec.inflect()), patterns);
    }

    @Override
    public void check(TextContext context, List<Finding> out) {
        String text = context.text();
        var candidates = new ArrayList<Candidate>();
        for (PhraseIndex.Hit hit : context.hits(owner)) {
            Term term = hit.form().term();
            if (term.isCaseSensitive() && !Casing.sameSpelling(text.substring(hit.start(), hit.end()), hit.form().text())) {
                continue;
            }
            candidates.add(new Candidate(hit.start(), hit.end(), hit.form()));
        }
        for (GuardPattern p : patterns) {
            p.forEachMatch(text, context.folded(), (start, end) -> candidates.add(new Candidate(start, end, null)));
        }
        candidates.sort(Comparator.comparingInt(Candidate::start).thenComparing(Comparator.comparingInt(Candidate::end).reversed()));
        int lastEnd = -1;
        for (Candidate c : candidates) {
            if (c.start() < lastEnd) {
                continue;
            }
            lastEnd = c.end();
            out.add(finding(text, c));
        }
    }

    private Finding finding(String text, Candidate c) {
        String found = text.substring(c.start(), c.end());
        String replacement = c.form() == null ? null : c.form().replacement();
        Edit edit = replacement == null ? null : new Edit(c.start(), c.end(), Casing.adapt(replacement, found));
        String message = switch (spec) {
            case Terminology t when t.status() == TermStatus.BANNED -> "'" + found + "' is a banned term";
            case Terminology t -> "'" + found + "' is a deprecated term";
            case Competitors cs -> "'" + found + "' is a competitor's name";
            case ForbiddenClaims fc -> "'" + found + "' is a forbidden claim";
        };
        String suggestion = edit != null ? "write '" + edit.replacement() + "'"
                : Findings.advice(rule, spec instanceof Competitors ? "leave competitors out" : "rephrase without it");
        return Findings.at(rule, text, c.start(), c.end(), message, suggestion, edit);
    }
}
