package io.qat4j.guard.check;

import java.util.List;

import io.qat4j.guard.rule.AllowedModels;
import io.qat4j.guard.rule.Rule;
import io.qat4j.guard.verdict.Finding;
import io.qat4j.guard.verdict.Target;

/** The request's model must match one of the allowed globs; a request naming none fails too. */
record AllowedModelsCheck(Rule rule, AllowedModels spec) implements RequestCheck {

    @Override
    public void check(RequestContext context, List<Finding> out) {
        String model = context.request().model();
        if (!spec.allows(model)) {
            out.add(Findings.about(rule, Target.MODEL, null, model,
                    model == null ? "the request names no model" : "model '" + model + "' is not allowed",
                    "use one of: " + String.join(", ", spec.models()), null));
        }
    }
}
