package io.qat4j.guard.rule;

/**
 * What a rule checks, one record per {@link RuleKind}. Output rules ({@link TextRuleSpec}) check
 * generated or submitted text; request rules ({@link RequestRuleSpec}) check a generation request
 * (model, prompts, sampling settings) before anything is generated.
 */
public sealed interface RuleSpec permits TextRuleSpec, RequestRuleSpec {
    RuleKind kind();
}
