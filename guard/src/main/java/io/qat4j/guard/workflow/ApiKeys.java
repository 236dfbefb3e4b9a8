package io.qat4j.guard.workflow;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

import io.qat4j.guard.review.AuditHash;
import io.qat4j.guard.review.Principal;
import io.qat4j.guard.review.Role;
import io.qat4j.guard.store.GovernanceDb;
import io.qat4j.guard.store.KeyRepository;
import io.qat4j.guard.store.KeyRepository.StoredKey;

/**
 * API keys for authors, reviewers and admins. A key is {@code q4g_<key id>_<secret>}: the id is
 * stored as it is, the secret (32 random bytes) only as its SHA-256, compared in constant time.
 * The key itself is shown once, when it is created.
 */
public final class ApiKeys {
    static final String PREFIX = "q4g_";

    private final GovernanceDb db;
    private final KeyRepository keys = new KeyRepository();
    private final Clock clock;

    ApiKeys(GovernanceDb db, Clock clock) {
        this.db = db;
        this.clock = clock;
    }

    /** A new key and whom it belongs to; {@code token} is not stored anywhere. */
    public record IssuedKey(String token, Principal principal) {
    }

    public IssuedKey create(String name, Role role) {
        if (name == null || name.isBlank() || name.length() > 200) {
            throw new IllegalArgumentException("a key needs a name of 1 to 200 characters");
        }
        String keyId = HexFormat.of().formatHex(Ids.randomBytes(8));
        String secret = Base64.getUrlEncoder().withoutPadding().encodeToString(Ids.randomBytes(32));
        var stored = new StoredKey(keyId, name.strip(), role, AuditHash.sha256Hex(secret), now(), null);
        db.transaction(c -> {
            keys.insert(c, stored);
            return null;
        });
        return new IssuedKey(PREFIX + keyId + "_" + secret, new Principal(keyId, stored.name(), role));
    }

    /** Who holds {@code token}, or empty when it is not a valid, unrevoked key. */
    public Optional<Principal> authenticate(String token) {
        if (token == null || !token.startsWith(PREFIX)) {
            return Optional.empty();
        }
        String rest = token.substring(PREFIX.length());
        int cut = rest.indexOf('_');
        if (cut <= 0 || cut == rest.length() - 1) {
            return Optional.empty();
        }
        String keyId = rest.substring(0, cut);
        byte[] given = AuditHash.sha256Hex(rest.substring(cut + 1)).getBytes(StandardCharsets.US_ASCII);
        Optional<StoredKey> stored = db.transaction(c -> keys.find(c, keyId));
        if (stored.isEmpty() || stored.get().revokedAt() != null) {
            return Optional.empty();
        }
        StoredKey k = stored.get();
        if (!MessageDigest.isEqual(given, k.secretHash().getBytes(StandardCharsets.US_ASCII))) {
            return Optional.empty();
        }
        return Optional.of(new Principal(k.keyId(), k.name(), k.role()));
    }

    /** Every key ever issued (ids, names, roles; no secrets). */
    public List<StoredKey> list() {
        return db.transaction(keys::list);
    }

    /** Revokes a key; false when there is no such active key. */
    public boolean revoke(String keyId) {
        return db.transaction(c -> keys.revoke(c, keyId, now()));
    }

    private Instant now() {
        return Instant.ofEpochMilli(clock.millis());
    }
}
