package io.qat4j.guard.check;

import java.util.List;

import io.qat4j.guard.rule.Rule;
import io.qat4j.guard.verdict.Finding;

/** A compiled output rule: everything it needs (patterns, automaton owners) is prepared once. */
interface TextCheck {
    Rule rule();

    void check(TextContext context, List<Finding> out);
}
