package io.qat4j.guard.store;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.qat4j.guard.review.ContentFilter;
import io.qat4j.guard.review.ContentItem;
import io.qat4j.guard.review.ContentState;
import io.qat4j.guard.review.Provenance;
import io.qat4j.guard.review.Revision;
import io.qat4j.guard.verdict.Verdict;

/** The content_items and content_revisions tables. */
public final class ContentRepository {
    private static final ObjectMapper JSON = new ObjectMapper();

    public void insert(Connection c, ContentItem item) throws SQLException {
        Sql.update(c, "INSERT INTO content_items (id, title, channel, author, state, current_revision, version, created_at,"
                + " updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)", item.id(), item.title(), item.channel(), item.author(),
                item.state().label(), item.currentRevision(), item.version(), item.createdAt().toEpochMilli(),
                item.updatedAt().toEpochMilli());
    }

    public Optional<ContentItem> find(Connection c, String id) throws SQLException {
        return Sql.one(c, "SELECT * FROM content_items WHERE id = ?", ContentRepository::item, id);
    }

    /**
     * Moves an item to {@code state} at {@code revision} if its version is still {@code expectedVersion}
     * (then the version goes up by one). False when another transaction changed it first: the caller
     * lost the race and must not write anything else.
     */
    public boolean update(Connection c, String id, long expectedVersion, ContentState state, int revision, Instant at)
            throws SQLException {
        return Sql.update(c, "UPDATE content_items SET state = ?, current_revision = ?, version = version + 1,"
                + " updated_at = ? WHERE id = ? AND version = ?", state.label(), revision, at.toEpochMilli(), id,
                expectedVersion) == 1;
    }

    public List<ContentItem> list(Connection c, ContentFilter f) throws SQLException {
        var where = new ArrayList<String>();
        var params = new ArrayList<Object>();
        if (f.state() != null) {
            where.add("state = ?");
            params.add(f.state().label());
        }
        if (f.author() != null) {
            where.add("author = ?");
            params.add(f.author());
        }
        if (f.channel() != null) {
            where.add("channel = ?");
            params.add(f.channel());
        }
        params.add(f.limit());
        params.add(f.offset());
        String sql = "SELECT * FROM content_items" + (where.isEmpty() ? "" : " WHERE " + String.join(" AND ", where))
                + " ORDER BY updated_at DESC, id LIMIT ? OFFSET ?";
        return Sql.query(c, sql, ContentRepository::item, params.toArray());
    }

    public void insert(Connection c, Revision r) throws SQLException {
        Verdict v = r.verdict();
        Provenance p = r.provenance();
        Sql.update(c, "INSERT INTO content_revisions (item_id, revision, text, prompt, model_file, model_sha256, settings,"
                + " guideline_id, verdict, score, passed, blocked, author, created_at)"
                + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", r.itemId(), r.number(), r.text(), p.prompt(),
                p.modelFile(), p.modelSha256(), p.settings().isEmpty() ? null : json(p.settings()), r.guidelineId(),
                v.toJson(), v.score(), v.passed(), v.blocked(), r.author(), r.createdAt().toEpochMilli());
    }

    public Optional<Revision> revision(Connection c, String itemId, int number) throws SQLException {
        return Sql.one(c, "SELECT * FROM content_revisions WHERE item_id = ? AND revision = ?", ContentRepository::revision,
                itemId, number);
    }

    public List<Revision> revisions(Connection c, String itemId) throws SQLException {
        return Sql.query(c, "SELECT * FROM content_revisions WHERE item_id = ? ORDER BY revision",
                ContentRepository::revision, itemId);
    }

    private static ContentItem item(ResultSet rs) throws SQLException {
        return new ContentItem(rs.getString("id"), rs.getString("title"), rs.getString("channel"), rs.getString("author"),
                ContentState.parse(rs.getString("state")), rs.getInt("current_revision"), rs.getLong("version"),
                Instant.ofEpochMilli(rs.getLong("created_at")), Instant.ofEpochMilli(rs.getLong("updated_at")));
    }

    private static Revision revision(ResultSet rs) throws SQLException {
        String settings = rs.getString("settings");
        var provenance = new Provenance(rs.getString("prompt"), rs.getString("model_file"), rs.getString("model_sha256"),
                settings == null ? Map.of() : settings(settings));
        return new Revision(rs.getString("item_id"), rs.getInt("revision"), rs.getString("text"), provenance,
                rs.getString("guideline_id"), Verdict.fromJson(rs.getString("verdict")), rs.getString("author"),
                Instant.ofEpochMilli(rs.getLong("created_at")));
    }

    private static String json(Map<String, Object> m) {
        try {
            return JSON.writeValueAsString(m);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("the generation settings cannot be written as JSON: " + e.getOriginalMessage(), e);
        }
    }

    private static Map<String, Object> settings(String json) throws SQLException {
        try {
            return JSON.readValue(json, new TypeReference<Map<String, Object>>() {});
        } catch (JsonProcessingException e) {
            throw new SQLException("a revision's settings column is not a JSON object: " + e.getOriginalMessage(), e);
        }
    }
}
