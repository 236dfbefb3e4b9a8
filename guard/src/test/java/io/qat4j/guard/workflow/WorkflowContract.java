package io.qat4j.guard.workflow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.qat4j.guard.review.Action;
import io.qat4j.guard.review.AuditEvent;
import io.qat4j.guard.review.AuditHash;
import io.qat4j.guard.review.ContentFilter;
import io.qat4j.guard.review.ContentItem;
import io.qat4j.guard.review.ContentState;
import io.qat4j.guard.review.Principal;
import io.qat4j.guard.review.Provenance;
import io.qat4j.guard.review.Role;
import io.qat4j.guard.review.WorkflowException;
import io.qat4j.guard.review.WorkflowException.Reason;
import io.qat4j.guard.workflow.ContentWorkflow.Submission;

/**
 * The governance store's behaviour, run by one subclass per database engine: the same
 * repositories and migrations must behave the same on SQLite and PostgreSQL.
 */
abstract class WorkflowContract {
    static final String GUIDELINE = """
            name: test-brand
            version: "1"
            review: {auto_approve: true, min_score: 95}
            rules:
              - id: banned
                kind: terminology
                status: banned
                severity: warning
                on_fail: fix
                terms: [{term: cheap, use: affordable}]
              - id: rivals
                kind: competitors
                severity: error
                on_fail: block
                names: [Globex]
              - id: claims
                kind: forbidden-claims
                severity: error
                on_fail: review
                phrases: [guaranteed]
            """;

    Governance gov;
    Principal admin;
    Principal author;
    Principal reviewer;
    Principal reviewer2;

    /** The JDBC URL of a new, empty database for one test. */
    abstract String freshDatabaseUrl();

    /** Drops what {@link #freshDatabaseUrl()} made. */
    void dropDatabase() {
    }

    @BeforeEach
    void open() {
        gov = Governance.open(freshDatabaseUrl());
        admin = gov.keys().create("ada", Role.ADMIN).principal();
        author = gov.keys().create("aki", Role.AUTHOR).principal();
        reviewer = gov.keys().create("rui", Role.REVIEWER).principal();
        reviewer2 = gov.keys().create("rea", Role.REVIEWER).principal();
        var g = gov.guidelines().upload(admin, GUIDELINE);
        gov.guidelines().activate(admin, g.id());
    }

    @AfterEach
    void close() {
        if (gov != null) {
            gov.close();
        }
        dropDatabase();
    }

    ContentItem submit(Principal who, String text) {
        return gov.content().submit(who, new Submission(text, "title", null, new Provenance("Write a post.",
                "m.gguf", "ab".repeat(32), java.util.Map.of("temperature", 0.7, "seed", 42)), false));
    }

    static Reason reasonOf(Runnable r) {
        try {
            r.run();
        } catch (WorkflowException e) {
            return e.reason();
        }
        throw new AssertionError("no WorkflowException");
    }

    @Test
    void reopeningAMigratedDatabaseKeepsItsData() {
        ContentItem item = submit(author, "Our backups run every hour.");
        String url = gov.db().describe();
        gov.close();
        gov = Governance.open(urlForReopen());
        assertThat(gov.content().view(item.id()).item()).isEqualTo(item);
        assertThat(gov.guidelines().active()).get().extracting(a -> a.stored().name()).isEqualTo("test-brand");
        assertThat(url).doesNotContain("password=qat4j");
    }

    /** The URL the database was opened with (subclasses keep it). */
    abstract String urlForReopen();

    @Test
    void keysAreStoredHashedAndCheckedExactly() throws SQLException {
        var issued = gov.keys().create("kim", Role.REVIEWER);
        assertThat(issued.token()).startsWith("q4g_").hasSizeGreaterThan(50);
        assertThat(gov.keys().authenticate(issued.token())).contains(issued.principal());
        String token = issued.token();
        String wrongSecret = token.substring(0, token.length() - 1) + (token.endsWith("A") ? "B" : "A");
        assertThat(gov.keys().authenticate(wrongSecret)).isEmpty();
        assertThat(gov.keys().authenticate("q4g_nonsense")).isEmpty();
        assertThat(gov.keys().authenticate("")).isEmpty();
        assertThat(gov.keys().authenticate(null)).isEmpty();
        String secret = token.substring("q4g_".length() + issued.principal().keyId().length() + 1);
        var stored = gov.keys().list().stream().filter(k -> k.name().equals("kim")).findFirst().orElseThrow();
        assertThat(stored.secretHash()).isEqualTo(AuditHash.sha256Hex(secret)).doesNotContain(secret);
        assertThat(gov.keys().revoke(issued.principal().keyId())).isTrue();
        assertThat(gov.keys().authenticate(token)).isEmpty();
    }

    @Test
    void guidelineVersionsAreImmutableAndOneIsActive() {
        var first = gov.guidelines().active().orElseThrow().stored();
        assertThat(gov.guidelines().upload(admin, GUIDELINE).id()).as("same YAML again").isEqualTo(first.id());
        assertThat(reasonOf(() -> gov.guidelines().upload(admin, GUIDELINE.replace("cheap", "tacky"))))
                .isEqualTo(Reason.CONFLICT);
        assertThat(reasonOf(() -> gov.guidelines().upload(admin, "name: x\nversion: 1\nrules: [{id: a}]")))
                .isEqualTo(Reason.INVALID);
        assertThat(reasonOf(() -> gov.guidelines().upload(reviewer, GUIDELINE))).isEqualTo(Reason.FORBIDDEN);
        var second = gov.guidelines().upload(admin, GUIDELINE.replace("version: \"1\"", "version: \"2\""));
        gov.guidelines().activate(admin, second.id());
        assertThat(gov.guidelines().list()).extracting(g -> g.version() + ":" + g.active()).containsExactly("1:false", "2:true");
        ContentItem item = submit(author, "Hello there.");
        assertThat(gov.content().view(item.id()).current().guidelineId()).isEqualTo(second.id());
    }

    @Test
    void aFullLifecycleLeavesACompleteAuditTrail() {
        ContentItem item = submit(author, "Our backups are guaranteed.");
        assertThat(item.state()).isEqualTo(ContentState.IN_REVIEW);
        assertThat(reasonOf(() -> gov.content().act(reviewer, item.id(), Action.REQUEST_CHANGES, " ", null)))
                .as("a comment is required").isEqualTo(Reason.INVALID);
        var sentBack = gov.content().act(reviewer, item.id(), Action.REQUEST_CHANGES, "No promises, please.", item.version());
        assertThat(sentBack.state()).isEqualTo(ContentState.CHANGES_REQUESTED);
        var revised = gov.content().revise(author, item.id(), "Our backups run every hour and you can restore any"
                + " of them, cheap and cheap.", null, sentBack.version(), false);
        assertThat(revised.state()).as("two warnings: score 90 < 95").isEqualTo(ContentState.IN_REVIEW);
        assertThat(revised.currentRevision()).isEqualTo(2);
        var approved = gov.content().act(reviewer2, item.id(), Action.APPROVE, "Good now.", revised.version());
        var published = gov.content().act(author, item.id(), Action.PUBLISH, null, approved.version());
        assertThat(published.state()).isEqualTo(ContentState.PUBLISHED);

        var view = gov.content().view(item.id());
        assertThat(view.revisions()).extracting(r -> r.text()).containsExactly("Our backups are guaranteed.",
                "Our backups run every hour and you can restore any of them, cheap and cheap.");
        assertThat(view.revisions().getFirst().provenance().modelSha256()).isEqualTo("ab".repeat(32));
        assertThat(view.revisions().getFirst().provenance().settings()).containsEntry("seed", 42);
        assertThat(gov.content().publication(item.id())).get().extracting(p -> p.revision()).isEqualTo(2);

        List<AuditEvent> trail = gov.audit().forItem(item.id());
        assertThat(trail).extracting(e -> e.actor() + " " + e.action().label() + " " + (e.from() == null ? "-"
                : e.from().label()) + ">" + e.to().label() + " r" + e.revision()).containsExactly(
                "aki submit ->checked r1",
                "qat4j queue checked>in_review r1",
                "rui request_changes in_review>changes_requested r1",
                "aki revise changes_requested>checked r2",
                "qat4j queue checked>in_review r2",
                "rea approve in_review>approved r2",
                "aki publish approved>published r2");
        assertThat(trail.get(2).comment()).isEqualTo("No promises, please.");
        assertThat(trail.get(1).comment()).contains("a rule asks for review");
        assertThat(trail.get(2).verdict()).isEqualTo(view.revisions().get(0).verdict().toJson());
        assertThat(trail.get(5).verdict()).isEqualTo(view.revisions().get(1).verdict().toJson());
        assertThat(trail).extracting(AuditEvent::actorRole).containsExactly("author", "system", "reviewer", "author",
                "system", "reviewer", "author");
        assertThat(AuditHash.firstBroken(trail)).isEqualTo(-1);
        assertThat(gov.audit().since(null)).containsAll(trail);
    }

    @Test
    void rolesAndFourEyes() {
        ContentItem mine = submit(reviewer, "Our backups are guaranteed.");
        assertThat(reasonOf(() -> gov.content().act(reviewer, mine.id(), Action.APPROVE, null, null)))
                .as("own content").isEqualTo(Reason.FORBIDDEN);
        ContentItem theirs = submit(author, "Our backups are guaranteed.");
        assertThat(reasonOf(() -> gov.content().act(author, theirs.id(), Action.APPROVE, null, null)))
                .as("an author cannot approve").isEqualTo(Reason.FORBIDDEN);
        assertThat(reasonOf(() -> gov.content().act(author, theirs.id(), Action.REJECT, "no", null)))
                .isEqualTo(Reason.FORBIDDEN);
        // A reviewer who revised someone else's item wrote its current text: another must approve it.
        var revised = gov.content().revise(reviewer, theirs.id(), "We guaranteed it, twice.", null, null, false);
        assertThat(reasonOf(() -> gov.content().act(reviewer, theirs.id(), Action.APPROVE, null, null)))
                .isEqualTo(Reason.FORBIDDEN);
        assertThat(gov.content().act(reviewer2, theirs.id(), Action.APPROVE, null, revised.version()).state())
                .isEqualTo(ContentState.APPROVED);
        assertThat(reasonOf(() -> gov.content().act(reviewer2, "c_missing", Action.APPROVE, null, null)))
                .isEqualTo(Reason.NOT_FOUND);
        assertThat(reasonOf(() -> gov.content().act(reviewer2, theirs.id(), Action.QUEUE, null, null)))
                .isEqualTo(Reason.INVALID);
    }

    @Test
    void lowRiskContentIsAutoApprovedAndEverythingElseWaits() {
        ContentItem clean = submit(author, "Our backups run every hour.");
        assertThat(clean.state()).isEqualTo(ContentState.APPROVED);
        assertThat(gov.audit().forItem(clean.id()).get(1).action()).isEqualTo(Action.AUTO_APPROVE);
        assertThat(submit(author, "Our cheap backups run every hour.").state()).as("score 95 but a fix finding is a"
                + " warning: still ≥ 95").isEqualTo(ContentState.APPROVED);
        assertThat(submit(author, "Our cheap, cheap backups.").state()).as("score 90").isEqualTo(ContentState.IN_REVIEW);
        assertThat(submit(author, "Unlike Globex, we back up.").state()).isEqualTo(ContentState.IN_REVIEW);
        var fixed = gov.content().submit(author, new Submission("Cheap, cheap backups.", null, "social", null, true));
        assertThat(gov.content().view(fixed.id()).current().text()).isEqualTo("Affordable, affordable backups.");
        assertThat(fixed.state()).isEqualTo(ContentState.APPROVED);
    }

    @Test
    void unapprovedContentIsNeverPublished() {
        ContentItem waiting = submit(author, "Our backups are guaranteed.");
        assertThat(reasonOf(() -> gov.content().act(reviewer, waiting.id(), Action.PUBLISH, null, null)))
                .isEqualTo(Reason.CONFLICT);
        ContentItem blocked = submit(author, "Unlike Globex, our backups are guaranteed.");
        assertThat(gov.content().view(blocked.id()).current().verdict().blocked()).isTrue();
        assertThat(reasonOf(() -> gov.content().act(reviewer, blocked.id(), Action.APPROVE, null, null)))
                .as("a blocked text can never be approved").isEqualTo(Reason.CONFLICT);
        ContentItem sentBack = submit(author, "Our backups are guaranteed!");
        gov.content().act(reviewer, sentBack.id(), Action.REQUEST_CHANGES, "tone", null);
        ContentItem rejected = submit(author, "Guaranteed, guaranteed.");
        gov.content().act(reviewer, rejected.id(), Action.REJECT, "no", null);
        assertThat(reasonOf(() -> gov.content().revise(author, rejected.id(), "x", null, null, false)))
                .isEqualTo(Reason.CONFLICT);
        ContentItem approved = submit(author, "Our backups are guaranteed.");
        gov.content().act(reviewer, approved.id(), Action.APPROVE, null, null);
        for (ContentItem i : List.of(waiting, blocked, sentBack, rejected, approved)) {
            assertThat(gov.content().publication(i.id())).as(i.id()).isEmpty();
        }
        assertThat(gov.content().publications(100, 0)).isEmpty();
        assertThat(gov.content().publication("c_unknown")).isEmpty();

        // Editing approved content makes a new revision that needs approval again; the old one stays as it was.
        var edited = gov.content().revise(author, approved.id(), "Our backups are guaranteed, truly.", null, null, false);
        assertThat(edited.state()).isEqualTo(ContentState.IN_REVIEW);
        assertThat(reasonOf(() -> gov.content().act(reviewer, approved.id(), Action.PUBLISH, null, null)))
                .isEqualTo(Reason.CONFLICT);
        assertThat(gov.content().view(approved.id()).revisions().getFirst().text()).isEqualTo("Our backups are guaranteed.");
    }

    @Test
    void theDatabaseRefusesToChangeRevisionsOrAuditEvents() {
        ContentItem item = submit(author, "Our backups run every hour.");
        for (String sql : List.of("UPDATE audit_events SET actor = 'mallory'", "DELETE FROM audit_events",
                "UPDATE content_revisions SET text = 'changed'", "DELETE FROM content_revisions")) {
            assertThatThrownBy(() -> gov.db().transaction(c -> c.createStatement().executeUpdate(sql))).as(sql)
                    .hasMessageContaining("append-only");
        }
        assertThat(gov.audit().forItem(item.id())).hasSize(2).allMatch(e -> e.actor().startsWith("a")
                || e.actor().equals("qat4j"));
        assertThat(gov.content().view(item.id()).current().text()).isEqualTo("Our backups run every hour.");
    }

    @Test
    void aStaleVersionIsAConflict() {
        ContentItem item = submit(author, "Our backups are guaranteed.");
        gov.content().act(reviewer, item.id(), Action.REQUEST_CHANGES, "again", item.version());
        assertThat(reasonOf(() -> gov.content().act(reviewer2, item.id(), Action.REJECT, "no", item.version())))
                .isEqualTo(Reason.CONFLICT);
    }

    @Test
    void concurrentApprovalsHaveExactlyOneWinner() throws Exception {
        int reviewers = 6;
        var keys = new ArrayList<Principal>();
        for (int i = 0; i < reviewers; i++) {
            keys.add(gov.keys().create("reviewer-" + i, Role.REVIEWER).principal());
        }
        for (int round = 0; round < 3; round++) {
            ContentItem item = submit(author, "Our backups are guaranteed, round " + round + ".");
            var start = new CountDownLatch(1);
            try (var pool = Executors.newFixedThreadPool(reviewers)) {
                var results = new ArrayList<Future<String>>();
                for (Principal p : keys) {
                    results.add(pool.submit(() -> {
                        start.await();
                        try {
                            gov.content().act(p, item.id(), Action.APPROVE, "lgtm", item.version());
                            return "won";
                        } catch (WorkflowException e) {
                            return e.reason().name();
                        }
                    }));
                }
                start.countDown();
                var outcomes = new ArrayList<String>();
                for (Future<String> f : results) {
                    outcomes.add(f.get());
                }
                assertThat(outcomes).filteredOn("won"::equals).hasSize(1);
                assertThat(outcomes).filteredOn(o -> !o.equals("won")).containsOnly("CONFLICT");
            }
            var trail = gov.audit().forItem(item.id());
            assertThat(trail).filteredOn(e -> e.action() == Action.APPROVE).hasSize(1);
            assertThat(gov.content().view(item.id()).item().version()).isEqualTo(item.version() + 1);
        }
    }

    @Test
    void listingsFilter() {
        var a = submit(author, "Our backups are guaranteed.");
        var b = submit(reviewer, "Our backups run every hour.");
        assertThat(gov.content().list(ContentFilter.inState(ContentState.IN_REVIEW))).extracting(ContentItem::id)
                .containsExactly(a.id());
        assertThat(gov.content().list(new ContentFilter(null, "rui", null, 10, 0))).extracting(ContentItem::id)
                .containsExactly(b.id());
        assertThat(gov.content().list(new ContentFilter(null, null, null, 1, 1))).hasSize(1);
    }
}
