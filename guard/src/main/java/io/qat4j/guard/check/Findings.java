package io.qat4j.guard.check;

import io.qat4j.guard.rule.Rule;
import io.qat4j.guard.verdict.Edit;
import io.qat4j.guard.verdict.Finding;
import io.qat4j.guard.verdict.Span;
import io.qat4j.guard.verdict.Target;

/** Builds findings that carry their rule's id, kind, severity, level and action. */
final class Findings {
    private Findings() {
    }

    /** A finding on [start, end) of the output text, quoting it. */
    static Finding at(Rule rule, String text, int start, int end, String message, String suggestion, Edit edit) {
        return new Finding(rule.id(), rule.kind(), rule.severity(), rule.level(), rule.onFail(), Target.OUTPUT,
                new Span(start, end), text.substring(start, end), message, suggestion, edit);
    }

    /** A finding about the whole of {@code target}, or a part at {@code span} (may be null). */
    static Finding about(Rule rule, Target target, Span span, String excerpt, String message, String suggestion,
            Edit edit) {
        return new Finding(rule.id(), rule.kind(), rule.severity(), rule.level(), rule.onFail(), target, span,
                excerpt, message, suggestion, edit);
    }

    /** The rule's description as advice, or {@code fallback}. */
    static String advice(Rule rule, String fallback) {
        return rule.description() != null && !rule.description().isBlank() ? rule.description().strip() : fallback;
    }
}
