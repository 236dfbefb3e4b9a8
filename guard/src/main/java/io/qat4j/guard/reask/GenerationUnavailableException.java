package io.qat4j.guard.reask;

/**
 * Thrown by a {@link TextGenerator} that cannot generate for this conversation (a re-ask whose
 * feedback no longer fits the model's context). {@link GuardedGenerator} then stops re-asking and
 * decides on the answers it has.
 */
public class GenerationUnavailableException extends RuntimeException {
    public GenerationUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
