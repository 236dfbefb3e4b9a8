package io.qat4j.guard.check;

import java.util.List;

import io.qat4j.guard.rule.Bounds;
import io.qat4j.guard.rule.GenerationLimits;
import io.qat4j.guard.rule.Rule;
import io.qat4j.guard.verdict.Finding;
import io.qat4j.guard.verdict.Target;

/** Temperature, top_p and max tokens within the rule's bounds (unset settings are not checked). */
record GenerationLimitsCheck(Rule rule, GenerationLimits spec) implements RequestCheck {

    @Override
    public void check(RequestContext context, List<Finding> out) {
        var r = context.request();
        checkBound(spec.temperature(), r.temperature(), "temperature", Target.TEMPERATURE, out);
        checkBound(spec.topP(), r.topP(), "top_p", Target.TOP_P, out);
        checkBound(spec.maxTokens(), r.maxTokens() == null ? null : r.maxTokens().doubleValue(), "max_tokens",
                Target.MAX_TOKENS, out);
    }

    private void checkBound(Bounds bounds, Double value, String name, Target target, List<Finding> out) {
        if (bounds == null || value == null || bounds.contains(value)) {
            return;
        }
        String shown = value == Math.rint(value) && target == Target.MAX_TOKENS ? Long.toString(value.longValue())
                : value.toString();
        out.add(Findings.about(rule, target, null, shown, name + " " + shown + " is out of bounds",
                "use a " + name + " " + bounds.describe(), null));
    }
}
