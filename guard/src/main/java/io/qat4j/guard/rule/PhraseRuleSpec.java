package io.qat4j.guard.rule;

import java.util.List;

/**
 * A rule built on a list of terms, matched whole-word through one shared automaton; the rules whose
 * {@link #decode()} is true are also enforced while the model generates (their terms can never be
 * sampled, see {@code io.qat4j.guard.decode.DecodeConstraint}).
 */
public sealed interface PhraseRuleSpec extends TextRuleSpec permits Terminology, Competitors, ForbiddenClaims {
    List<Term> phrases();

    /** Whether terms without their own {@code inflect} also match inflected forms; never null. */
    Boolean inflect();

    /** Whether the terms are masked at decode time; never null. */
    Boolean decode();
}
