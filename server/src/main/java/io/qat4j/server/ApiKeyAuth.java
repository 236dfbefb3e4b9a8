package io.qat4j.server;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;

import io.javalin.http.Context;

/** Checks {@code Authorization: Bearer KEY} against the configured keys (compared as SHA-256 digests in constant time). */
final class ApiKeyAuth {
    private final List<byte[]> digests;
    private final Predicate<String> exempt;

    /** @param exempt paths authenticated elsewhere (by a module with keys of its own) */
    ApiKeyAuth(Set<String> keys, Predicate<String> exempt) {
        this.digests = keys.stream().map(ApiKeyAuth::sha256).toList();
        this.exempt = exempt;
    }

    boolean enabled() {
        return !digests.isEmpty();
    }

    /** @throws ApiException 401 when a key is required and the request has no valid one */
    void check(Context ctx) {
        if (!enabled() || exempt.test(ctx.path())) {
            return;
        }
        String header = ctx.header("Authorization");
        String prefix = "Bearer ";
        if (header == null || !header.regionMatches(true, 0, prefix, 0, prefix.length())) {
            throw ApiException.unauthorized(false);
        }
        byte[] given = sha256(header.substring(prefix.length()).strip());
        boolean ok = false;
        for (byte[] d : digests) {
            ok |= MessageDigest.isEqual(d, given);
        }
        if (!ok) {
            throw ApiException.unauthorized(true);
        }
    }

    private static byte[] sha256(String s) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }
}
