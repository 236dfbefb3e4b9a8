package io.qat4j.guard.check;

import java.util.List;

import io.qat4j.guard.rule.Rule;
import io.qat4j.guard.rule.SentenceLength;
import io.qat4j.guard.text.TextStats;
import io.qat4j.guard.verdict.Finding;

/** Sentences with more words than allowed; the finding spans the sentence. */
final class SentenceLengthCheck implements TextCheck {
    private final Rule rule;
    private final int maxWords;

    SentenceLengthCheck(Rule rule, SentenceLength spec) {
        this.rule = rule;
        this.maxWords = spec.maxWords();
    }

    @Override
    public Rule rule() {
        return rule;
    }

    @Override
    public void check(TextContext context, List<Finding> out) {
        for (TextStats.Sentence s : context.stats().sentences()) {
            if (s.wordCount() > maxWords) {
                out.add(Findings.at(rule, context.text(), s.start(), s.end(),
                        "sentence of " + s.wordCount() + " words (at most " + maxWords + ")",
                        Findings.advice(rule, "split it into shorter sentences"), null));
            }
        }
    }
}
