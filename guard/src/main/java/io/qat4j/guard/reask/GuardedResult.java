package io.qat4j.guard.reask;

import java.util.List;

import io.qat4j.guard.verdict.Verdict;

/**
 * The outcome of a governed generation.
 *
 * @param status         what may happen to the text now
 * @param text           the final text (after fixes), or null when the request was refused
 * @param requestVerdict the check of the request
 * @param verdict        the check of the final text, or null when refused
 * @param attempts       every generation, in order
 */
public record GuardedResult(Status status, String text, Verdict requestVerdict, Verdict verdict,
        List<Attempt> attempts) {

    public GuardedResult {
        attempts = List.copyOf(attempts);
    }

    /** One generation: what the model wrote, the text after fixes, and its verdict. */
    public record Attempt(String generated, String fixed, Verdict verdict) {
    }

    public enum Status {
        /** The request broke a blocking rule; nothing was generated. */
        REFUSED,
        /** The output broke a blocking rule; it must not be used. */
        BLOCKED,
        /** A rule asks for review, or re-asking did not resolve its findings: a person decides. */
        NEEDS_REVIEW,
        /** The output passed. */
        PASSED,
        /** The output did not pass and no rule asks for review or a retry. */
        FAILED
    }
}
