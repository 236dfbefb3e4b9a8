package io.qat4j.guard.store;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import io.qat4j.guard.review.Action;
import io.qat4j.guard.review.AuditEvent;
import io.qat4j.guard.review.AuditHash;
import io.qat4j.guard.review.ContentState;

/** The audit_events table: insert and read, nothing else (the database refuses updates and deletes). */
public final class AuditRepository {

    /**
     * Appends an event after the item's last one: its seq, previous hash and hash are filled in
     * here. Call it after the item's row was updated in the same transaction, which serialises
     * writers of one item.
     */
    public AuditEvent append(Connection c, String itemId, Instant at, String actor, String actorRole, Action action,
            ContentState from, ContentState to, int revision, String comment, String verdictJson) throws SQLException {
        Optional<AuditEvent> last = Sql.one(c, "SELECT * FROM audit_events WHERE item_id = ? ORDER BY seq DESC LIMIT 1",
                AuditRepository::row, itemId);
        int seq = last.map(e -> e.seq() + 1).orElse(1);
        String prev = last.map(AuditEvent::hash).orElse(null);
        var draft = new AuditEvent(itemId, seq, at, actor, actorRole, action, from, to, revision, comment, verdictJson, prev,
                null);
        var event = new AuditEvent(itemId, seq, at, actor, actorRole, action, from, to, revision, comment, verdictJson, prev,
                AuditHash.of(draft));
        Sql.update(c, "INSERT INTO audit_events (item_id, seq, at, actor, actor_role, action, from_state, to_state, revision,"
                + " comment, verdict, prev_hash, hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", itemId, seq,
                at.toEpochMilli(), actor, actorRole, action.label(), from == null ? null : from.label(), to.label(), revision,
                comment, verdictJson, prev, event.hash());
        return event;
    }

    public List<AuditEvent> forItem(Connection c, String itemId) throws SQLException {
        return Sql.query(c, "SELECT * FROM audit_events WHERE item_id = ? ORDER BY seq", AuditRepository::row, itemId);
    }

    /** Every event at or after {@code since} (all when null), in time order. */
    public List<AuditEvent> since(Connection c, Instant since) throws SQLException {
        return Sql.query(c, "SELECT * FROM audit_events WHERE at >= ? ORDER BY at, item_id, seq", AuditRepository::row,
                since == null ? Long.MIN_VALUE : since.toEpochMilli());
    }

    private static AuditEvent row(ResultSet rs) throws SQLException {
        String from = rs.getString("from_state");
        return new AuditEvent(rs.getString("item_id"), rs.getInt("seq"), Instant.ofEpochMilli(rs.getLong("at")),
                rs.getString("actor"), rs.getString("actor_role"), Action.parse(rs.getString("action")),
                from == null ? null : ContentState.parse(from), ContentState.parse(rs.getString("to_state")),
                rs.getInt("revision"), rs.getString("comment"), rs.getString("verdict"), rs.getString("prev_hash"),
                rs.getString("hash"));
    }
}
