package io.qat4j.guard.verdict;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

import io.qat4j.guard.Level;
import io.qat4j.guard.OnFail;
import io.qat4j.guard.Severity;
import io.qat4j.guard.rule.RuleKind;

/**
 * One thing a rule found.
 *
 * @param ruleId     the rule's id
 * @param kind       the rule's kind
 * @param severity   the rule's severity
 * @param level      required or recommended
 * @param onFail     the rule's action
 * @param target     what was checked: the output text, or a part of a request
 * @param span       where, in the target's text (Java char indices); null for findings about the
 *                   whole text or a setting (length, readability, a missing disclaimer…)
 * @param excerpt    the text at the span (left out for personal data, which should not be copied)
 * @param message    what is wrong, in one sentence
 * @param suggestion what to do instead, or null
 * @param edit       the change {@code fix} applies, or null when there is no mechanical fix
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Finding(String ruleId, RuleKind kind, Severity severity, Level level, OnFail onFail, Target target,
        Span span, String excerpt, String message, String suggestion, Edit edit) {

    public boolean isRequired() {
        return level == Level.REQUIRED;
    }
}
