package io.qat4j.guard.check;

import java.util.List;
import java.util.Locale;

import io.qat4j.guard.rule.Readability;
import io.qat4j.guard.rule.Rule;
import io.qat4j.guard.text.TextStats;
import io.qat4j.guard.verdict.Finding;
import io.qat4j.guard.verdict.Target;

/** The Flesch reading ease of the whole text against the rule's bounds. */
record ReadabilityCheck(Rule rule, Readability spec) implements TextCheck {

    @Override
    public void check(TextContext context, List<Finding> out) {
        TextStats stats = context.stats();
        if (stats.words().size() < spec.minWords()) {
            return;
        }
        double ease = stats.readingEase();
        String value = String.format(Locale.ROOT, "%.1f", ease);
        if (spec.min() != null && ease < spec.min()) {
            out.add(Findings.about(rule, Target.OUTPUT, null, null,
                    "Flesch reading ease " + value + " is below " + spec.min() + ": too hard to read",
                    Findings.advice(rule, "use shorter sentences and shorter words"), null));
        } else if (spec.max() != null && ease > spec.max()) {
            out.add(Findings.about(rule, Target.OUTPUT, null, null,
                    "Flesch reading ease " + value + " is above " + spec.max() + ": too simple for this audience",
                    Findings.advice(rule, "use fuller sentences"), null));
        }
    }
}
