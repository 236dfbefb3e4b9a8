package io.qat4j.guard.workflow;

import java.time.Instant;
import java.util.List;

import io.qat4j.guard.review.AuditEvent;
import io.qat4j.guard.review.WorkflowException;
import io.qat4j.guard.store.AuditRepository;
import io.qat4j.guard.store.ContentRepository;
import io.qat4j.guard.store.GovernanceDb;

/** Reads the audit trail: per item, or everything since a moment (for export). */
public final class AuditLog {
    private final GovernanceDb db;
    private final AuditRepository audit = new AuditRepository();
    private final ContentRepository content = new ContentRepository();

    AuditLog(GovernanceDb db) {
        this.db = db;
    }

    /** An item's events in order. */
    public List<AuditEvent> forItem(String itemId) {
        return db.transaction(c -> {
            if (content.find(c, itemId).isEmpty()) {
                throw WorkflowException.notFound("no content item " + itemId);
            }
            return audit.forItem(c, itemId);
        });
    }

    /** Every event at or after {@code since} (all when null), in time order. */
    public List<AuditEvent> since(Instant since) {
        return db.transaction(c -> audit.since(c, since));
    }
}
