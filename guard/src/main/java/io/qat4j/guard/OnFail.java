package io.qat4j.guard;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/**
 * What should happen to a text that breaks a rule, in increasing order of escalation: {@code warn}
 * only reports; {@code fix} applies the finding's edit (a replacement or redaction); {@code reask}
 * regenerates with the findings fed back to the model; {@code review} waits for a person; {@code
 * block} stops the text from going out at all.
 */
public enum OnFail {
    WARN, FIX, REASK, REVIEW, BLOCK;

    @JsonValue
    public String label() {
        return Labels.of(this);
    }

    @JsonCreator
    public static OnFail fromLabel(String label) {
        return Labels.parse(OnFail.class, label);
    }
}
