package io.qat4j.guard.review;

import java.time.Instant;

/**
 * A text on its way to publication. Its texts are {@link Revision}s, never changed once written.
 *
 * @param id              identifies the item
 * @param title           for people, may be null
 * @param channel         where it will be published (picks the guideline's length bounds)
 * @param author          the name of who submitted it
 * @param state           where it is in the workflow
 * @param currentRevision the revision the state applies to
 * @param version         bumped by every change; a change names the version it saw (optimistic locking)
 * @param createdAt       submission time
 * @param updatedAt       time of the last transition
 */
public record ContentItem(String id, String title, String channel, String author, ContentState state,
        int currentRevision, long version, Instant createdAt, Instant updatedAt) {
}
