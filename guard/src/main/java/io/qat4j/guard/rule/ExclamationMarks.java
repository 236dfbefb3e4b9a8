package io.qat4j.guard.rule;

/**
 * At most {@code max} exclamations per text (a run such as "!!!" counts once). Each one beyond
 * the limit is a finding; the fix turns it into a full stop.
 */
public record ExclamationMarks(Integer max) implements TextRuleSpec {

    public ExclamationMarks {
        max = Checks.atLeast(max, 0, 0, "max");
    }

    @Override
    public RuleKind kind() {
        return RuleKind.EXCLAMATION_MARKS;
    }
}
