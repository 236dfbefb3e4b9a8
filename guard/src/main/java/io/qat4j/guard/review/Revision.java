package io.qat4j.guard.review;

import java.time.Instant;

import io.qat4j.guard.verdict.Verdict;

/**
 * One immutable text of a content item, with its check.
 *
 * @param itemId      the item
 * @param number      1, 2, 3…
 * @param text        the text
 * @param provenance  prompt, model and settings when a model wrote it
 * @param guidelineId the stored guideline version it was checked against
 * @param verdict     the check
 * @param author      who wrote this revision
 * @param createdAt   when
 */
public record Revision(String itemId, int number, String text, Provenance provenance, String guidelineId,
        Verdict verdict, String author, Instant createdAt) {
}
