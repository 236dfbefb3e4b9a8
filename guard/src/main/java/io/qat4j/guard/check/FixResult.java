package io.qat4j.guard.check;

import io.qat4j.guard.verdict.Verdict;

/**
 * What {@link Checker#fix} did.
 *
 * @param original     the text before
 * @param text         the text after the edits
 * @param verdict      the check of {@code text}
 * @param editsApplied how many edits were applied over all passes
 * @param passes       how many fix-and-recheck passes ran
 */
public record FixResult(String original, String text, Verdict verdict, int editsApplied, int passes) {

    public boolean changed() {
        return !original.equals(text);
    }
}
