package io.qat4j.guard;

/** A guidelines file that cannot be used; the message names the file, the rule and the field. */
public final class GuidelinesException extends IllegalArgumentException {
    public GuidelinesException(String message) {
        super(message);
    }
}
