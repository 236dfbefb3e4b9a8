package io.qat4j.guard.workflow;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import io.qat4j.guard.ReviewPolicy;
import io.qat4j.guard.review.Action;
import io.qat4j.guard.review.ContentFilter;
import io.qat4j.guard.review.ContentItem;
import io.qat4j.guard.review.ContentState;
import io.qat4j.guard.review.Principal;
import io.qat4j.guard.review.Provenance;
import io.qat4j.guard.review.Revision;
import io.qat4j.guard.review.Transitions;
import io.qat4j.guard.review.WorkflowException;
import io.qat4j.guard.rule.Length;
import io.qat4j.guard.store.AuditRepository;
import io.qat4j.guard.store.ContentRepository;
import io.qat4j.guard.store.GovernanceDb;
import io.qat4j.guard.verdict.Verdict;
import io.qat4j.guard.workflow.GuidelineLibrary.Compiled;

/**
 * Content items through their life: submitted and checked, queued for review or auto-approved,
 * approved, rejected or sent back for changes, revised, published. Each operation is one
 * transaction that updates the item (if its version is still the one read), writes any new
 * revision, and appends the audit events.
 */
public final class ContentWorkflow {
    private final GovernanceDb db;
    private final GuidelineLibrary guidelines;
    private final ContentRepository content = new ContentRepository();
    private final AuditRepository audit = new AuditRepository();
    private final Clock clock;

    ContentWorkflow(GovernanceDb db, GuidelineLibrary guidelines, Clock clock) {
        this.db = db;
        this.guidelines = guidelines;
        this.clock = clock;
    }

    /**
     * A text to put through the workflow.
     *
     * @param text       the text
     * @param title      for people, may be null
     * @param channel    where it will be published; null for {@code default}
     * @param provenance prompt, model and settings when a model wrote it
     * @param applyFixes apply the guideline's {@code fix} edits before storing the text
     */
    public record Submission(String text, String title, String channel, Provenance provenance, boolean applyFixes) {
        public Submission {
            if (text == null || text.isEmpty()) {
                throw WorkflowException.invalid("the content has no text");
            }
            channel = channel == null || channel.isBlank() ? Length.DEFAULT_CHANNEL : channel;
            provenance = provenance == null ? Provenance.NONE : provenance;
        }
    }

    /** An item with all of its revisions (the last is the current one). */
    public record ContentView(ContentItem item, List<Revision> revisions) {
        public Revision current() {
            return revisions.stream().filter(r -> r.number() == item.currentRevision()).findFirst().orElseThrow();
        }
    }

    /** What a publication shows: the approved text of a published item. */
    public record Publication(String id, String title, String channel, String text, int revision, Instant publishedAt) {
    }

    /** Checks the text against the active guideline and stores it; it is queued for review or auto-approved. */
    public ContentItem submit(Principal who, Submission s) {
        Compiled g = activeGuideline();
        Checked checked = check(g, s.text(), s.channel(), s.applyFixes());
        Instant now = now();
        String id = Ids.next("c");
        Outcome outcome = outcome(g, checked.verdict());
        var item = new ContentItem(id, s.title(), s.channel(), who.name(), outcome.state(), 1, 1, now, now);
        return db.transaction(c -> {
            content.insert(c, item);
            content.insert(c, new Revision(id, 1, checked.text(), s.provenance(), g.stored().id(), checked.verdict(),
                    who.name(), now));
            String verdict = checked.verdict().toJson();
            audit.append(c, id, now, who.name(), who.role().label(), Action.SUBMIT, null, ContentState.CHECKED, 1, null,
                    verdict);
            audit.append(c, id, now, Principal.SYSTEM_NAME, Principal.SYSTEM_ROLE, outcome.action(), ContentState.CHECKED,
                    outcome.state(), 1, outcome.why(), verdict);
            return item;
        });
    }

    /**
     * Writes a new revision of an item (never changing an old one), checks it against the active
     * guideline, and queues it for review again (or auto-approves it).
     *
     * @param expectedVersion the item version the editor saw, or null to skip that check
     */
    public ContentItem revise(Principal who, String itemId, String text, Provenance provenance, Long expectedVersion,
            boolean applyFixes) {
        if (text == null || text.isEmpty()) {
            throw WorkflowException.invalid("the revision has no text");
        }
        Compiled g = activeGuideline();
        ContentItem seen = view(itemId).item();
        Checked checked = check(g, text, seen.channel(), applyFixes);
        Outcome outcome = outcome(g, checked.verdict());
        Instant now = now();
        return db.transaction(c -> {
            ContentItem item = load(c, itemId, expectedVersion);
            Transitions.checkRevise(who, item);
            int number = item.currentRevision() + 1;
            claim(c, item, outcome.state(), number, now);
            content.insert(c, new Revision(itemId, number, checked.text(), provenance == null ? Provenance.NONE : provenance,
                    g.stored().id(), checked.verdict(), who.name(), now));
            String verdict = checked.verdict().toJson();
            audit.append(c, itemId, now, who.name(), who.role().label(), Action.REVISE, item.state(), ContentState.CHECKED,
                    number, null, verdict);
            audit.append(c, itemId, now, Principal.SYSTEM_NAME, Principal.SYSTEM_ROLE, outcome.action(),
                    ContentState.CHECKED, outcome.state(), number, outcome.why(), verdict);
            return moved(item, outcome.state(), number, now);
        });
    }

    /**
     * A person's transition: approve, request_changes, reject or publish.
     *
     * @param expectedVersion the item version the person saw, or null to skip that check
     * @throws WorkflowException FORBIDDEN (role, four-eyes), CONFLICT (state, version, a concurrent
     *                           change), INVALID (a missing comment), NOT_FOUND
     */
    public ContentItem act(Principal who, String itemId, Action action, String comment, Long expectedVersion) {
        Instant now = now();
        String note = comment == null || comment.isBlank() ? null : comment.strip();
        return db.transaction(c -> {
            ContentItem item = load(c, itemId, expectedVersion);
            Revision current = content.revision(c, itemId, item.currentRevision()).orElseThrow(() ->
                    new IllegalStateException("item " + itemId + " has no revision " + item.currentRevision()));
            ContentState to = Transitions.target(who, action, item, current, note);
            claim(c, item, to, item.currentRevision(), now);
            audit.append(c, itemId, now, who.name(), who.role().label(), action, item.state(), to, current.number(), note,
                    current.verdict().toJson());
            return moved(item, to, item.currentRevision(), now);
        });
    }

    public ContentView view(String itemId) {
        return db.transaction(c -> {
            ContentItem item = content.find(c, itemId).orElseThrow(() -> noSuchItem(itemId));
            return new ContentView(item, content.revisions(c, itemId));
        });
    }

    public List<ContentItem> list(ContentFilter filter) {
        return db.transaction(c -> content.list(c, filter));
    }

    /** The published text of an item; empty for an unknown item and for every item that is not published. */
    public Optional<Publication> publication(String itemId) {
        return db.transaction(c -> {
            Optional<ContentItem> item = content.find(c, itemId).filter(i -> i.state() == ContentState.PUBLISHED);
            if (item.isEmpty()) {
                return Optional.empty();
            }
            return Optional.of(publication(c, item.get()));
        });
    }

    /** Published items, most recently published first. */
    public List<Publication> publications(int limit, int offset) {
        return db.transaction(c -> {
            var out = new java.util.ArrayList<Publication>();
            for (ContentItem i : content.list(c, new ContentFilter(ContentState.PUBLISHED, null, null, limit, offset))) {
                out.add(publication(c, i));
            }
            return out;
        });
    }

    private Publication publication(Connection c, ContentItem item) throws SQLException {
        Revision r = content.revision(c, item.id(), item.currentRevision()).orElseThrow();
        return new Publication(item.id(), item.title(), item.channel(), r.text(), r.number(), item.updatedAt());
    }

    private ContentItem load(Connection c, String itemId, Long expectedVersion) throws SQLException {
        ContentItem item = content.find(c, itemId).orElseThrow(() -> noSuchItem(itemId));
        if (expectedVersion != null && expectedVersion != item.version()) {
            throw WorkflowException.conflict("item " + itemId + " changed since you saw it (version " + expectedVersion
                    + ", now " + item.version() + ", " + item.state().label() + "): reload it");
        }
        return item;
    }

    /** The optimistic lock: the update succeeds only if nobody changed the item since it was read. */
    private void claim(Connection c, ContentItem item, ContentState to, int revision, Instant now) throws SQLException {
        if (!content.update(c, item.id(), item.version(), to, revision, now)) {
            throw WorkflowException.conflict("item " + item.id() + " was changed by someone else at the same moment:"
                    + " reload it");
        }
    }

    private static ContentItem moved(ContentItem item, ContentState to, int revision, Instant now) {
        return new ContentItem(item.id(), item.title(), item.channel(), item.author(), to, revision, item.version() + 1,
                item.createdAt(), now);
    }

    private Compiled activeGuideline() {
        return guidelines.active().orElseThrow(() -> WorkflowException.conflict(
                "no guideline is active: an admin must upload and activate one first"));
    }

    private record Checked(String text, Verdict verdict) {
    }

    private static Checked check(Compiled g, String text, String channel, boolean applyFixes) {
        if (applyFixes) {
            var fixed = g.checker().fix(text, channel);
            return new Checked(fixed.text(), fixed.verdict());
        }
        return new Checked(text, g.checker().check(text, channel));
    }

    /** What the system does with a checked text, and why (for the audit trail). */
    private record Outcome(ContentState state, Action action, String why) {
    }

    private static Outcome outcome(Compiled g, Verdict v) {
        ReviewPolicy policy = g.guidelines().review();
        List<String> reasons = policy.reasonsForReview(v);
        if (reasons.isEmpty()) {
            return new Outcome(ContentState.APPROVED, Action.AUTO_APPROVE, "auto-approved by guideline " + g.stored().name()
                    + " " + g.stored().version() + ": score " + v.score() + ", no error, review or block finding");
        }
        return new Outcome(ContentState.IN_REVIEW, Action.QUEUE, "needs a person: " + String.join("; ", reasons));
    }

    private static WorkflowException noSuchItem(String id) {
        return WorkflowException.notFound("no content item " + id);
    }

    private Instant now() {
        return Instant.ofEpochMilli(clock.millis());
    }
}
