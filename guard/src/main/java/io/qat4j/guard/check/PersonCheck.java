package io.qat4j.guard.check;

import java.util.EnumSet;
import java.util.HashMap;
import java.util.Map;
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
record PersonCheck(Rule rule, Person spec) implements TextCheck {
    private static final Map<String, PersonForm> PRONOUNS = new HashMap<>();
    private static final int LONGEST_PRONOUN;

    static {
        int longest = 0;
        for (PersonForm form : PersonForm.values()) {
            for (String p : form.pronouns()) {
                PRONOUNS.put(p, form);
                longest = Math.max(longest, p.length());
            }
        }
        LONGEST_PRONOUN = longest;
    }

    @Override
    public void check(TextContext context, List<Finding> out) {
        TextStats stats = context.stats();
        String text = context.text();
        var present = EnumSet.noneOf(PersonForm.class);
        for (TextStats.Word w : stats.words()) {
            int end = headEnd(text, w);
            PersonForm form = end - w.start() <= LONGEST_PRONOUN ? PRONOUNS.get(text.substring(w.start(), end)
                    .toLowerCase(Locale.ROOT)) : null;
            if (form == null || form == PersonForm.FIRST_PERSON_PLURAL && text.startsWith("US", w.start()) && end - w.start() == 2) {
                continue;
            }
            present.add(form);
            if (spec.forbid().contains(form)) {
                String head = text.substring(w.start(), end);
                out.add(Findings.at(rule, text, w.start(), end, "'" + head + "' is " + describe(form),
                        Findings.advice(rule, "avoid the " + describe(form)), null));
            }
        }
        for (PersonForm form : spec.require()) {
            if (!present.contains(form) && !stats.words().isEmpty()) {
                out.add(Findings.about(rule, Target.OUTPUT, null, null, "never uses the " + describe(form),
                        Findings.advice(rule, "address the reader as the guideline asks"), null));
            }
        }
    }

    private static String describe(PersonForm form) {
        return form.label().replace('-', ' ');
    }

    /** The end of the word's part before an apostrophe ("I'm" → "I"). */
    private static int headEnd(String text, TextStats.Word w) {
        for (int i = w.start(); i < w.end(); i++) {
            char c = text.charAt(i);
            if (c == '\'' || c == '’') {
                return i;
            }
        }
        return w.end();
    }
}
