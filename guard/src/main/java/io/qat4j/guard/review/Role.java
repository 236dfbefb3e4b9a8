package io.qat4j.guard.review;

import java.util.Locale;

/**
 * What an API key may do. Each role includes the ones before it: authors submit and revise
 * content; reviewers also approve, reject, request changes and publish (never their own
 * content: four-eyes); admins also manage guidelines and keys.
 */
public enum Role {
    AUTHOR, REVIEWER, ADMIN;

    public boolean includes(Role other) {
        return ordinal() >= other.ordinal();
    }

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Role parse(String label) {
        for (Role r : values()) {
            if (r.label().equals(label)) {
                return r;
            }
        }
        throw new IllegalArgumentException("unknown role '" + label + "' (roles: author, reviewer, admin)");
    }
}
