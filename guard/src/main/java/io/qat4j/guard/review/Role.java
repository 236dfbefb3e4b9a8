package io.qat4j.guard.review;

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
        return SnakeLabels.of(this);
    }

    public static Role parse(String label) {
        return SnakeLabels.parse(Role.class, label, "role");
    }
}
