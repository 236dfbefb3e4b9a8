package io.qat4j.server.governance;

import io.javalin.http.Context;
import io.qat4j.guard.review.Principal;
import io.qat4j.guard.review.Role;
import io.qat4j.guard.workflow.ApiKeys;
import io.qat4j.server.ApiException;

/**
 * Who is asking: the governance API key in {@code Authorization: Bearer KEY} (or, for the reviewer
 * page, in its session cookie). No key is 401, a key without the role is 403.
 */
final class GovernanceAuth {
    static final String COOKIE = "qat4j_review_key";

    private final ApiKeys keys;

    GovernanceAuth(ApiKeys keys) {
        this.keys = keys;
    }

    /** The caller, who must hold at least {@code role}. */
    Principal require(Context ctx, Role role) {
        Principal p = identify(ctx);
        if (!p.can(role)) {
            throw forbidden("This needs the " + role.label() + " role; " + p.name() + " is " + p.role().label() + ".");
        }
        return p;
    }

    /** The caller, whatever their role. */
    Principal identify(Context ctx) {
        String token = token(ctx);
        if (token == null) {
            throw ApiException.unauthorized(false);
        }
        return keys.authenticate(token).orElseThrow(() -> ApiException.unauthorized(true));
    }

    /** The key the request carries (header first, then the page's cookie), or null. */
    static String token(Context ctx) {
        String header = ctx.header("Authorization");
        String prefix = "Bearer ";
        if (header != null && header.regionMatches(true, 0, prefix, 0, prefix.length())) {
            String t = header.substring(prefix.length()).strip();
            return t.isEmpty() ? null : t;
        }
        String cookie = ctx.cookie(COOKIE);
        return cookie == null || cookie.isBlank() ? null : cookie;
    }

    static ApiException forbidden(String message) {
        return new ApiException(403, "permission_error", "permission_denied", null, message);
    }
}
