package io.qat4j.guard.check;

import java.util.List;

import io.qat4j.guard.rule.Rule;
import io.qat4j.guard.verdict.Finding;

/** A compiled request rule. */
interface RequestCheck {
    Rule rule();

    void check(RequestContext context, List<Finding> out);
}
