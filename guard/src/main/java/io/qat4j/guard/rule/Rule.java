package io.qat4j.guard.rule;

import io.qat4j.guard.Level;
import io.qat4j.guard.OnFail;
import io.qat4j.guard.Severity;

/**
 * One rule of a guideline: the keys every rule has, and its kind-specific {@link RuleSpec}.
 *
 * @param id          unique within the guideline; findings name it
 * @param severity    error, warning or info
 * @param level       required (gates pass/fail) or recommended (only advises)
 * @param onFail      what to do with a text that breaks it
 * @param description for people; shown with the findings
 * @param spec        what it checks
 */
public record Rule(String id, Severity severity, Level level, OnFail onFail, String description, RuleSpec spec) {

    public Rule {
        if (level == Level.RECOMMENDED && onFail == OnFail.BLOCK) {
            throw new IllegalArgumentException("'on_fail' is block but 'level' is recommended: a recommended rule cannot"
                    + " block; make it required or choose review, reask, fix or warn");
        }
    }

    public RuleKind kind() {
        return spec.kind();
    }

    public boolean isRequired() {
        return level == Level.REQUIRED;
    }
}
