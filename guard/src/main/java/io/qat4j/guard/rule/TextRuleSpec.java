package io.qat4j.guard.rule;

/** A rule that checks a text (model output or submitted content). */
public sealed interface TextRuleSpec extends RuleSpec
        permits PhraseRuleSpec, ProductNames, RequiredDisclaimer, PersonalData,
        ExclamationMarks, AllCaps, SentenceLength, Readability, Length, Person {
}
