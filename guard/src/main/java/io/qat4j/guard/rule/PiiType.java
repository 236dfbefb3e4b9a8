package io.qat4j.guard.rule;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

import io.qat4j.guard.Labels;

/** Kinds of personal data the checker detects. */
public enum PiiType {
    EMAIL, PHONE, PAYMENT_CARD, IBAN;

    @JsonValue
    public String label() {
        return Labels.of(this);
    }

    @JsonCreator
    public static PiiType fromLabel(String label) {
        return Labels.parse(PiiType.class, label);
    }
}
