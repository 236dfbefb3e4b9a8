package io.qat4j.guard;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/**
 * Whether a rule gates publication (required) or only advises (recommended): findings of
 * recommended rules lower the score shown to people but never the gate score nor pass/fail.
 */
public enum Level {
    REQUIRED, RECOMMENDED;

    @JsonValue
    public String label() {
        return Labels.of(this);
    }

    @JsonCreator
    public static Level fromLabel(String label) {
        return Labels.parse(Level.class, label);
    }
}
