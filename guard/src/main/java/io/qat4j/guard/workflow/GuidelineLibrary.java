package io.qat4j.guard.workflow;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import io.qat4j.guard.Guidelines;
import io.qat4j.guard.check.Checker;
import io.qat4j.guard.review.AuditHash;
import io.qat4j.guard.review.Principal;
import io.qat4j.guard.review.Role;
import io.qat4j.guard.review.StoredGuideline;
import io.qat4j.guard.review.WorkflowException;
import io.qat4j.guard.store.GovernanceDb;
import io.qat4j.guard.store.GuidelineRepository;

/**
 * Every guideline version ever uploaded, and the active one new content is checked against.
 * Versions are immutable: a name and version uploaded again with other rules is refused (bump
 * the version). Compiled checkers are cached per version.
 */
public final class GuidelineLibrary {
    private final GovernanceDb db;
    private final GuidelineRepository repo = new GuidelineRepository();
    private final Clock clock;
    private final Map<String, Compiled> compiled = new ConcurrentHashMap<>();

    GuidelineLibrary(GovernanceDb db, Clock clock) {
        this.db = db;
        this.clock = clock;
    }

    /** A stored version, parsed and compiled. */
    public record Compiled(StoredGuideline stored, Guidelines guidelines, Checker checker) {
    }

    /**
     * Stores a guideline version (admins only). Uploading the same YAML again returns the stored
     * version; the same name and version with different YAML is a conflict.
     *
     * @throws WorkflowException INVALID for YAML that is not a valid guideline (the message says where)
     */
    public StoredGuideline upload(Principal who, String yaml) {
        requireAdmin(who, "upload guidelines");
        return store(yaml, who.name());
    }

    /** Makes {@code id} the version new content is checked against (admins only). */
    public StoredGuideline activate(Principal who, String id) {
        requireAdmin(who, "activate guidelines");
        return db.transaction(c -> {
            StoredGuideline g = repo.find(c, id).orElseThrow(() -> WorkflowException.notFound("no guideline " + id));
            repo.activate(c, id);
            return withActive(g);
        });
    }

    /**
     * Stores (if new) and activates a guideline on behalf of the system: what a server does with
     * the file it was started with.
     */
    public StoredGuideline installAndActivate(String yaml, String by) {
        StoredGuideline g = store(yaml, by);
        db.transaction(c -> {
            repo.activate(c, g.id());
            return null;
        });
        return withActive(g);
    }

    public List<StoredGuideline> list() {
        return db.transaction(repo::list);
    }

    public StoredGuideline get(String id) {
        return db.transaction(c -> repo.find(c, id)).orElseThrow(() -> WorkflowException.notFound("no guideline " + id));
    }

    /** The active version, compiled; empty when none was activated yet. */
    public Optional<Compiled> active() {
        return db.transaction(repo::active).map(this::compile);
    }

    /** A stored version, compiled. */
    public Compiled compiled(String id) {
        return compile(get(id));
    }

    private StoredGuideline store(String yaml, String by) {
        Guidelines parsed;
        try {
            parsed = Guidelines.parse(yaml, "the uploaded guideline");
        } catch (IllegalArgumentException e) { // GuidelinesException included
            throw WorkflowException.invalid(e.getMessage());
        }
        String sha = AuditHash.sha256Hex(yaml);
        return db.transaction(c -> {
            Optional<StoredGuideline> existing = repo.find(c, parsed.name(), parsed.version());
            if (existing.isPresent()) {
                if (existing.get().sha256().equals(sha)) {
                    return existing.get();
                }
                throw WorkflowException.conflict("guideline '" + parsed.name() + "' version " + parsed.version()
                        + " exists with other rules; versions never change: bump 'version'");
            }
            var g = new StoredGuideline(Ids.next("g"), parsed.name(), parsed.version(), yaml, sha, by,
                    Instant.ofEpochMilli(clock.millis()), false);
            repo.insert(c, g);
            return g;
        });
    }

    private Compiled compile(StoredGuideline g) {
        Compiled c = compiled.computeIfAbsent(g.id(), id -> {
            Guidelines parsed = Guidelines.parse(g.yaml(), "guideline " + g.name() + " " + g.version());
            return new Compiled(g, parsed, Checker.compile(parsed));
        });
        // The cached entry keeps the flags it was compiled with; report the current ones.
        return c.stored().active() == g.active() ? c : new Compiled(g, c.guidelines(), c.checker());
    }

    private static StoredGuideline withActive(StoredGuideline g) {
        return new StoredGuideline(g.id(), g.name(), g.version(), g.yaml(), g.sha256(), g.uploadedBy(), g.uploadedAt(), true);
    }

    private static void requireAdmin(Principal who, String what) {
        if (!who.can(Role.ADMIN)) {
            throw WorkflowException.forbidden("only admins may " + what + "; " + who.name() + " is " + who.role().label());
        }
    }
}
