package io.qat4j.guard.rule;

import java.util.List;

/**
 * Banned or deprecated terms, each with an optional preferred replacement ({@code use}).
 *
 * @param status  banned or deprecated
 * @param terms   the terms
 * @param inflect default for terms without their own: true (also match "guarantees", "guaranteed"…)
 * @param decode  mask the terms at decode time; default true for banned terms, false for deprecated
 */
public record Terminology(TermStatus status, List<Term> terms, Boolean inflect, Boolean decode)
        implements PhraseRuleSpec {

    public Terminology {
        if (status == null) {
            throw new IllegalArgumentException("'status' is required (banned or deprecated)");
        }
        terms = Checks.nonEmpty(terms, "terms");
        inflect = inflect == null || inflect;
        decode = decode == null ? status == TermStatus.BANNED : decode;
    }

    @Override
    public RuleKind kind() {
        return RuleKind.TERMINOLOGY;
    }

    @Override
    public List<Term> phrases() {
        return terms;
    }
}
