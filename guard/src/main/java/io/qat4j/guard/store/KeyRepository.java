package io.qat4j.guard.store;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import io.qat4j.guard.review.Role;

/** The api_keys table: who holds a key, its role, and the hash of its secret. */
public final class KeyRepository {

    /** A stored key (never the secret itself). */
    public record StoredKey(String keyId, String name, Role role, String secretHash, Instant createdAt,
            Instant revokedAt) {
    }

    public void insert(Connection c, StoredKey k) throws SQLException {
        Sql.update(c, "INSERT INTO api_keys (key_id, name, role, secret_hash, created_at) VALUES (?, ?, ?, ?, ?)",
                k.keyId(), k.name(), k.role().label(), k.secretHash(), k.createdAt().toEpochMilli());
    }

    public Optional<StoredKey> find(Connection c, String keyId) throws SQLException {
        return Sql.one(c, "SELECT * FROM api_keys WHERE key_id = ?", KeyRepository::row, keyId);
    }

    public List<StoredKey> list(Connection c) throws SQLException {
        return Sql.query(c, "SELECT * FROM api_keys ORDER BY created_at, key_id", KeyRepository::row);
    }

    /** Marks a key revoked; false when there is no such key or it was revoked already. */
    public boolean revoke(Connection c, String keyId, Instant at) throws SQLException {
        return Sql.update(c, "UPDATE api_keys SET revoked_at = ? WHERE key_id = ? AND revoked_at IS NULL",
                at.toEpochMilli(), keyId) == 1;
    }

    private static StoredKey row(ResultSet rs) throws SQLException {
        Long revoked = Sql.nullableLong(rs, "revoked_at");
        return new StoredKey(rs.getString("key_id"), rs.getString("name"), Role.parse(rs.getString("role")),
                rs.getString("secret_hash"), Instant.ofEpochMilli(rs.getLong("created_at")),
                revoked == null ? null : Instant.ofEpochMilli(revoked));
    }
}
