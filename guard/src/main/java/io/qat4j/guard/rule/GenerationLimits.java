package io.qat4j.guard.rule;

/** Bounds on a request's sampling settings; a setting the request leaves unset is not checked. */
public record GenerationLimits(Bounds temperature, Bounds topP, Bounds maxTokens) implements RequestRuleSpec {

    public GenerationLimits {
        if (temperature == null && topP == null && maxTokens == null) {
            throw new IllegalArgumentException("'temperature', 'top_p' or 'max_tokens' is required");
        }
    }

    @Override
    public RuleKind kind() {
        return RuleKind.GENERATION_LIMITS;
    }
}
