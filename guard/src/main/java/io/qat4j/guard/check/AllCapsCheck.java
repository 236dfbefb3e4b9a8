package io.qat4j.guard.check;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

import io.qat4j.guard.rule.AllCaps;
import io.qat4j.guard.rule.Rule;
import io.qat4j.guard.text.TextStats;
import io.qat4j.guard.verdict.Finding;

/** Shouting: words without lower-case letters and with enough capitals, not exempted. */
record AllCapsCheck(Rule rule, int minLetters, Set<String> allowed) implements TextCheck {

    /** {@code productWords}: the words of the guideline's product names, which are exempt. */
    static AllCapsCheck of(Rule rule, AllCaps spec, Set<String> productWords) {
        var allowed = new HashSet<>(spec.allow());
        allowed.addAll(productWords);
        return new AllCapsCheck(rule, spec.minLetters(), Set.copyOf(allowed));
    }

    @Override
    public void check(TextContext context, List<Finding> out) {
        TextStats stats = context.stats();
        String text = context.text();
        for (TextStats.Word w : stats.words()) {
            if (w.end() - w.start() < minLetters) {
                continue;
            }
            String word = stats.wordText(w);
            if (isShouted(word) && !allowed.contains(word)) {
                out.add(Findings.at(rule, text, w.start(), w.end(), "'" + word + "' is written in capitals",
                        Findings.advice(rule, "write it in lower case; acronyms can be allowed in the guideline"), null));
            }
        }
    }

    private boolean isShouted(String word) {
        int upper = 0;
        for (int i = 0; i < word.length(); ) {
            int cp = word.codePointAt(i);
            if (Character.isLowerCase(cp)) {
                return false;
            }
            if (Character.isUpperCase(cp)) {
                upper++;
            }
            i += Character.charCount(cp);
        }
        return upper >= minLetters;
    }
}
