package io.qat4j.guard.review;

/** A workflow operation that may not happen; {@link #reason()} says which kind of no it is. */
public class WorkflowException extends RuntimeException {
    /** The kinds of refusal (an HTTP server maps them to 404, 403, 409, 400). */
    public enum Reason {
        NOT_FOUND, FORBIDDEN, CONFLICT, INVALID
    }

    private final Reason reason;

    public WorkflowException(Reason reason, String message) {
        super(message);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }

    public static WorkflowException notFound(String message) {
        return new WorkflowException(Reason.NOT_FOUND, message);
    }

    public static WorkflowException forbidden(String message) {
        return new WorkflowException(Reason.FORBIDDEN, message);
    }

    public static WorkflowException conflict(String message) {
        return new WorkflowException(Reason.CONFLICT, message);
    }

    public static WorkflowException invalid(String message) {
        return new WorkflowException(Reason.INVALID, message);
    }
}
