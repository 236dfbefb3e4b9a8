package io.qat4j.guard.check;

import java.util.List;

import io.qat4j.guard.rule.ExclamationMarks;
import io.qat4j.guard.rule.Rule;
import io.qat4j.guard.verdict.Edit;
import io.qat4j.guard.verdict.Finding;

/**
 * Exclamations beyond the allowed number; a run ("!!!", "‼", "！") counts once. The fix makes it
 * a full stop, or removes it after a question mark ("Really?!" → "Really?").
 */
record ExclamationCheck(Rule rule, ExclamationMarks spec) implements TextCheck {

    @Override
    public void check(TextContext context, List<Finding> out) {
        String text = context.text();
        int max = spec.max();
        int seen = 0;
        for (int i = 0; i < text.length(); i++) {
            if (!isExclamation(text.charAt(i))) {
                continue;
            }
            int start = i;
            while (i + 1 < text.length() && isExclamation(text.charAt(i + 1))) {
                i++;
            }
            int end = i + 1;
            if (++seen > max) {
                boolean afterQuestion = start > 0 && text.charAt(start - 1) == '?';
                out.add(Findings.at(rule, text, start, end,
                        max == 0 ? "exclamation mark" : "more than " + max + " exclamation" + (max == 1 ? "" : "s"),
                        Findings.advice(rule, "state it calmly"), new Edit(start, end, afterQuestion ? "" : ".")));
            }
        }
    }

    private static boolean isExclamation(char c) {
        return c == '!' || c == '‼' || c == '！';
    }
}
