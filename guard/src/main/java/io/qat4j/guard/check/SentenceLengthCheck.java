package io.qat4j.guard.check;

import java.util.List;

import io.qat4j.guard.rule.Rule;
import io.qat4j.guard.rule.SentenceLength;
import io.qat4j.guard.text.TextStats;
import io.qat4j.guard.verdict.Finding;

/** Sentences with more words than allowed; the finding spans the sentence. */
record SentenceLengthCheck(Rule rule, SentenceLength spec) implements TextCheck {

    @Override
    public void check(TextContext context, List<Finding> out) {
        for (TextStats.Sentence s : context.stats().sentences()) {
            if (s.wordCount() > spec.maxWords()) {
                out.add(Findings.at(rule, context.text(), s.start(), s.end(),
                        "sentence of " + s.wordCount() + " words (at most " + spec.maxWords() + ")",
                        Findings.advice(rule, "split it into shorter sentences"), null));
            }
        }
    }
}
