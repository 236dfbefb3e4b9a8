package io.qat4j.guard.rule;

/** A rule that checks a generation request: model, prompts and sampling settings. */
public sealed interface RequestRuleSpec extends RuleSpec
        permits AllowedModels, GenerationLimits, SystemPrompt, PromptContent {
}
