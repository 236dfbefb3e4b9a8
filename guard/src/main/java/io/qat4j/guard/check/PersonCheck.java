package io.qat4j.guard.check;

import java.util.EnumSet;
import java.util.List;
import java.util.Locale;

import io.qat4j.guard.rule.Person;
import io.qat4j.guard.rule.PersonForm;
import io.qat4j.guard.rule.Rule;
import io.qat4j.guard.text.TextStats;
import io.qat4j.guard.verdict.Finding;
import io.qat4j.guard.verdict.Target;

/**
 * Pronouns of forbidden grammatical persons, and required persons that never appear. A
 * contraction counts by its first part ("I'm" is "I"); "US" in capitals is the country.
 */
final class PersonCheck implements TextCheck {
    private final Rule rule;
    private final Person spec;

    PersonCheck(Rule rule, Person spec) {
        this.rule = rule;
        this.spec = spec;
    }

    @Override
    public Rule rule() {
        return rule;
    }

    @Override
    public void check(TextContext context, List<Finding> out) {
        TextStats stats = context.stats();
        var present = EnumSet.noneOf(PersonForm.class);
        for (TextStats.Word w : stats.words()) {
            String word = stats.wordText(w);
            int apostrophe = indexOfApostrophe(word);
            String head = apostrophe < 0 ? word : word.substring(0, apostrophe);
            if (head.equals("US")) {
                continue;
            }
            String lower = head.toLowerCase(Locale.ROOT);
            for (PersonForm form : PersonForm.values()) {
                if (!form.pronouns().contains(lower)) {
                    continue;
                }
                present.add(form);
                if (spec.forbid().contains(form)) {
                    int end = w.start() + head.length();
                    out.add(Findings.at(rule, context.text(), w.start(), end,
                            "'" + head + "' is " + form.label().replace('-', ' '),
                            Findings.advice(rule, "avoid the " + form.label().replace('-', ' ')), null));
                }
            }
        }
        for (PersonForm form : spec.require()) {
            if (!present.contains(form) && !stats.words().isEmpty()) {
                out.add(Findings.about(rule, Target.OUTPUT, null, null,
                        "never uses the " + form.label().replace('-', ' '),
                        Findings.advice(rule, "address the reader as the guideline asks"), null));
            }
        }
    }

    private static int indexOfApostrophe(String word) {
        int a = word.indexOf('\'');
        int b = word.indexOf('’');
        return a < 0 ? b : b < 0 ? a : Math.min(a, b);
    }
}
