package io.qat4j.guard.rule;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

import io.qat4j.guard.Labels;

/** The parts of a request a prompt-content rule reads. */
public enum PromptPart {
    SYSTEM, USER;

    @JsonValue
    public String label() {
        return Labels.of(this);
    }

    @JsonCreator
    public static PromptPart fromLabel(String label) {
        return Labels.parse(PromptPart.class, label);
    }
}
