package io.qat4j.guard;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/**
 * How bad a finding is. Errors fail a required gate; warnings lower the score; info only informs.
 */
public enum Severity {
    ERROR, WARNING, INFO;

    @JsonValue
    public String label() {
        return Labels.of(this);
    }

    @JsonCreator
    public static Severity fromLabel(String label) {
        return Labels.parse(Severity.class, label);
    }
}
