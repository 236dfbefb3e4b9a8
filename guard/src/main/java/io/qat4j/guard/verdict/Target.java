package io.qat4j.guard.verdict;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

import io.qat4j.guard.Labels;

/** What a finding is about: the checked text, or a part of a generation request. */
public enum Target {
    OUTPUT, SYSTEM_PROMPT, USER_PROMPT, MODEL, TEMPERATURE, TOP_P, MAX_TOKENS;

    @JsonValue
    public String label() {
        return Labels.of(this);
    }

    @JsonCreator
    public static Target fromLabel(String label) {
        return Labels.parse(Target.class, label);
    }
}
