package io.qat4j.guard.pii;

import io.qat4j.guard.rule.PiiType;

/** Personal data found at [start, end) of a text (Java char indices). */
public record PiiMatch(PiiType type, int start, int end) {
}
