package io.qat4j.guard.rule;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

import io.qat4j.guard.Labels;

/** Banned terms must never appear (and are masked at decode time); deprecated ones have a newer name. */
public enum TermStatus {
    BANNED, DEPRECATED;

    @JsonValue
    public String label() {
        return Labels.of(this);
    }

    @JsonCreator
    public static TermStatus fromLabel(String label) {
        return Labels.parse(TermStatus.class, label);
    }
}
