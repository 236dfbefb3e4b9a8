package io.qat4j.guard.review;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;

/**
 * The hash chain over an item's audit events: each event's hash covers the previous hash and all
 * of its own fields, so changing or dropping an event (even with database access, past the
 * append-only triggers) breaks every later hash.
 */
public final class AuditHash {
    private AuditHash() {
    }

    /** The hash of an event with these fields (its own {@code hash} ignored). */
    public static String of(AuditEvent e) {
        var fields = new StringBuilder();
        for (Object f : new Object[] {e.prevHash(), e.itemId(), e.seq(), e.at().toEpochMilli(), e.actor(), e.actorRole(),
                e.action().label(), e.from() == null ? null : e.from().label(), e.to().label(), e.revision(), e.comment(),
                e.verdict()}) {
            // Length-prefixed, so no two different field lists give the same bytes.
            String s = f == null ? "\u0000" : f.toString();
            fields.append(s.length()).append(':').append(s).append(';');
        }
        return sha256Hex(fields.toString());
    }

    /** The seq of the first event whose chain is broken, or -1 when the whole trail verifies. */
    public static int firstBroken(List<AuditEvent> events) {
        String prev = null;
        int expectedSeq = 1;
        for (AuditEvent e : events) {
            if (e.seq() != expectedSeq || !java.util.Objects.equals(prev, e.prevHash()) || !of(e).equals(e.hash())) {
                return e.seq();
            }
            prev = e.hash();
            expectedSeq++;
        }
        return -1;
    }

    public static String sha256Hex(String s) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }
}
