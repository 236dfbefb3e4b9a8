package io.qat4j.server.governance;

import java.util.stream.Collectors;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.qat4j.guard.OnFail;
import io.qat4j.guard.verdict.Verdict;
import io.qat4j.server.ApiException;

/**
 * 400 {@code guideline_violation}: the request (prompt or settings) breaks a blocking rule, so
 * nothing is generated. The body carries the verdict in {@code qat4j_verdict} beside OpenAI's
 * {@code error}.
 */
final class GuidelineRefusal extends ApiException {
    private final transient Verdict verdict;

    GuidelineRefusal(Verdict verdict) {
        super(400, "invalid_request_error", "guideline_violation", param(verdict), message(verdict));
        this.verdict = verdict;
    }

    @Override
    protected void extend(ObjectNode body, ObjectMapper json) {
        body.set("qat4j_verdict", json.valueToTree(verdict));
    }

    private static String message(Verdict v) {
        return "The request breaks the guideline " + v.guideline() + " " + v.guidelineVersion() + ": "
                + v.findings(OnFail.BLOCK).stream().map(f -> f.message() + " [" + f.ruleId() + "]")
                        .collect(Collectors.joining("; ")) + ".";
    }

    private static String param(Verdict v) {
        return v.findings(OnFail.BLOCK).stream().findFirst().map(f -> switch (f.target()) {
            case SYSTEM_PROMPT, USER_PROMPT -> "messages";
            case MODEL -> "model";
            case TEMPERATURE -> "temperature";
            case TOP_P -> "top_p";
            case MAX_TOKENS -> "max_tokens";
            case OUTPUT -> null;
        }).orElse(null);
    }
}
