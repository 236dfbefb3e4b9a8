package io.qat4j.guard.store;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import io.qat4j.guard.review.StoredGuideline;

/** The guidelines table (every uploaded version) and the active one (a settings row). */
public final class GuidelineRepository {
    private static final String ACTIVE = "active_guideline";
    private static final String SELECT = "SELECT g.*, CASE WHEN s.value = g.id THEN 1 ELSE 0 END AS active"
            + " FROM guidelines g LEFT JOIN settings s ON s.name = '" + ACTIVE + "'";

    public void insert(Connection c, StoredGuideline g) throws SQLException {
        Sql.update(c, "INSERT INTO guidelines (id, name, version, yaml, sha256, uploaded_by, uploaded_at)"
                + " VALUES (?, ?, ?, ?, ?, ?, ?)", g.id(), g.name(), g.version(), g.yaml(), g.sha256(), g.uploadedBy(),
                g.uploadedAt().toEpochMilli());
    }

    public Optional<StoredGuideline> find(Connection c, String id) throws SQLException {
        return Sql.one(c, SELECT + " WHERE g.id = ?", GuidelineRepository::row, id);
    }

    public Optional<StoredGuideline> find(Connection c, String name, String version) throws SQLException {
        return Sql.one(c, SELECT + " WHERE g.name = ? AND g.version = ?", GuidelineRepository::row, name, version);
    }

    /** Every version, oldest upload first. */
    public List<StoredGuideline> list(Connection c) throws SQLException {
        return Sql.query(c, SELECT + " ORDER BY g.uploaded_at, g.id", GuidelineRepository::row);
    }

    public Optional<StoredGuideline> active(Connection c) throws SQLException {
        return Sql.one(c, SELECT + " WHERE g.id = s.value", GuidelineRepository::row);
    }

    /** One row holds the active id, so concurrent activations leave exactly one active (the last). */
    public void activate(Connection c, String id) throws SQLException {
        Sql.update(c, "UPDATE settings SET value = ? WHERE name = ?", id, ACTIVE);
    }

    private static StoredGuideline row(ResultSet rs) throws SQLException {
        return new StoredGuideline(rs.getString("id"), rs.getString("name"), rs.getString("version"), rs.getString("yaml"),
                rs.getString("sha256"), rs.getString("uploaded_by"), Instant.ofEpochMilli(rs.getLong("uploaded_at")),
                rs.getInt("active") == 1);
    }
}
