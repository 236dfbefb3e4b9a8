package io.qat4j.guard.review;

import java.time.Instant;

/**
 * One transition of a content item, as the append-only audit trail keeps it.
 *
 * @param itemId    the item
 * @param seq       1, 2, 3… per item
 * @param at        when
 * @param actor     who (a key's name, or {@value Principal#SYSTEM_NAME})
 * @param actorRole their role then, or {@value Principal#SYSTEM_ROLE}
 * @param action    what they did
 * @param from      the state before, null for the submission
 * @param to        the state after
 * @param revision  the revision the transition applies to
 * @param comment   why, may be null
 * @param verdict   the revision's verdict at that moment, as JSON
 * @param prevHash  the previous event's hash, null for the first
 * @param hash      SHA-256 over prevHash and this event's fields (see {@link AuditHash})
 */
public record AuditEvent(String itemId, int seq, Instant at, String actor, String actorRole, Action action,
        ContentState from, ContentState to, int revision, String comment, String verdict, String prevHash,
        String hash) {
}
