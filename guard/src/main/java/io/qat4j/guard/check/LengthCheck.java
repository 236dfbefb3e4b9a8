package io.qat4j.guard.check;

import java.util.List;

import io.qat4j.guard.rule.Length;
import io.qat4j.guard.rule.Rule;
import io.qat4j.guard.rule.WordRange;
import io.qat4j.guard.verdict.Finding;
import io.qat4j.guard.verdict.Target;

/** The number of words against the bounds of the channel the text is for. */
record LengthCheck(Rule rule, Length spec) implements TextCheck {

    @Override
    public void check(TextContext context, List<Finding> out) {
        WordRange range = spec.forChannel(context.channel());
        if (range == null) {
            return;
        }
        int words = context.stats().words().size();
        if (range.contains(words)) {
            return;
        }
        boolean tooLong = range.maxWords() != null && words > range.maxWords();
        String bound = tooLong ? "at most " + range.maxWords() : "at least " + range.minWords();
        out.add(Findings.about(rule, Target.OUTPUT, null, null,
                words + " words; the '" + context.channel() + "' channel allows " + bound,
                Findings.advice(rule, tooLong ? "shorten it" : "say more"), null));
    }
}
