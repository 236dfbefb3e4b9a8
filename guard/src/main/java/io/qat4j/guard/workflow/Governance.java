package io.qat4j.guard.workflow;

import java.time.Clock;

import io.qat4j.guard.store.GovernanceDb;

/**
 * The governance services on one database:
 * <pre>{@code
 * try (Governance gov = Governance.open("jdbc:sqlite:governance.db")) {
 *     var admin = gov.keys().create("ada", Role.ADMIN).principal();
 *     gov.guidelines().activate(admin, gov.guidelines().upload(admin, yaml).id());
 *     ContentItem item = gov.content().submit(author, new Submission(text, "Launch post", "social", null, false));
 *     gov.content().act(reviewer, item.id(), Action.APPROVE, "fine", item.version());
 * }
 * }</pre>
 */
public record Governance(GovernanceDb db, ApiKeys keys, GuidelineLibrary guidelines, ContentWorkflow content,
        AuditLog audit) implements AutoCloseable {

    /** Opens (and migrates) the database at {@code jdbcUrl}. */
    public static Governance open(String jdbcUrl) {
        return open(jdbcUrl, Clock.systemUTC());
    }

    public static Governance open(String jdbcUrl, Clock clock) {
        return on(GovernanceDb.open(jdbcUrl), clock);
    }

    /** The services over an open database. */
    public static Governance on(GovernanceDb db, Clock clock) {
        var guidelines = new GuidelineLibrary(db, clock);
        return new Governance(db, new ApiKeys(db, clock), guidelines, new ContentWorkflow(db, guidelines, clock),
                new AuditLog(db));
    }

    @Override
    public void close() {
        db.close();
    }
}
