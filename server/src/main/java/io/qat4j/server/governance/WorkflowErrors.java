package io.qat4j.server.governance;

import io.javalin.http.Handler;
import io.qat4j.guard.review.WorkflowException;
import io.qat4j.server.ApiException;

/** Turns the workflow's refusals into API errors: 404, 403, 409 or 400 in OpenAI's envelope. */
final class WorkflowErrors {
    private WorkflowErrors() {
    }

    static ApiException of(WorkflowException e) {
        return switch (e.reason()) {
            case NOT_FOUND -> new ApiException(404, "invalid_request_error", "not_found", null, e.getMessage());
            case FORBIDDEN -> GovernanceAuth.forbidden(e.getMessage());
            case CONFLICT -> new ApiException(409, "invalid_request_error", "conflict", null, e.getMessage());
            case INVALID -> ApiException.invalidValue(null, e.getMessage());
        };
    }

    /** {@code handler}, with workflow refusals translated. */
    static Handler translated(Handler handler) {
        return ctx -> {
            try {
                handler.handle(ctx);
            } catch (WorkflowException e) {
                throw of(e);
            }
        };
    }
}
