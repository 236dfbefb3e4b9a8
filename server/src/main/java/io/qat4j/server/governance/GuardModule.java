package io.qat4j.server.governance;

import com.fasterxml.jackson.databind.node.ObjectNode;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.qat4j.guard.GenerationRequest;
import io.qat4j.guard.check.FixResult;
import io.qat4j.guard.verdict.Verdict;
import io.qat4j.server.ApiException;
import io.qat4j.server.ApiModule;
import io.qat4j.server.JsonBody;
import io.qat4j.server.JsonFields;
import io.qat4j.server.ServerContext;

/**
 * {@code POST /v1/governance/check}: checks without generating. The body is either
 * {@code {"text": T, "channel"?: C, "fix"?: true}} (an output text; with fix, the edits are applied
 * and the answer adds {@code fixed_text}) or {@code {"request": {"model", "system_prompt",
 * "user_prompt", "temperature", "top_p", "max_tokens"}}} (prompt and settings). The answer is the
 * verdict. Authenticated like the OpenAI endpoints (the server's API keys).
 */
public final class GuardModule implements ApiModule {
    public static final String PATH = "/v1/governance/check";

    private final GovernedModel governed;

    public GuardModule(GovernedModel governed) {
        this.governed = governed;
    }

    @Override
    public void register(RoutesConfig routes, ServerContext server) {
        routes.post(PATH, ctx -> check(ctx, server));
    }

    private void check(Context ctx, ServerContext server) throws java.io.IOException {
        var body = new JsonFields(JsonBody.read(ctx, server.config().maxBodyBytes(), server.json()));
        ActiveGuideline g = governed.guideline().orElseThrow(() -> new ApiException(409, "invalid_request_error",
                "no_active_guideline", null, "No guideline is active on this server."));
        ObjectNode answer;
        if (body.has("request")) {
            JsonFields r = body.object("request").orElseThrow();
            var request = new GenerationRequest(r.string("model").orElse(governed.modelFile()),
                    r.string("system_prompt").orElse(null), r.string("user_prompt").orElse(null),
                    boxed(r.number("temperature", 0, 100)), boxed(r.number("top_p", 0, 1)),
                    r.integer("max_tokens", 0, Integer.MAX_VALUE).stream().mapToObj(Math::toIntExact).findFirst()
                            .orElse(null));
            answer = server.json().valueToTree(g.checker().checkRequest(request));
        } else {
            String text = body.requiredString("text");
            String channel = body.string("channel").orElse(null);
            if (body.bool("fix").orElse(false)) {
                FixResult fixed = g.checker().fix(text, channel);
                answer = server.json().valueToTree(fixed.verdict());
                answer.put("fixed_text", fixed.text());
            } else {
                Verdict v = g.checker().check(text, channel);
                answer = server.json().valueToTree(v);
            }
        }
        ctx.contentType("application/json").result(server.json().writeValueAsBytes(answer));
    }

    private static Double boxed(java.util.OptionalDouble d) {
        return d.isPresent() ? d.getAsDouble() : null;
    }
}
