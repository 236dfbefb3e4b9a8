package io.qat4j.guard.review;

/**
 * Who acts: the holder of an API key. Four-eyes compares {@code name}s, so one person's keys of
 * different roles count as the same person.
 *
 * @param keyId the key's public id, or null for the system itself
 * @param name  the person or service
 * @param role  what the key allows
 */
public record Principal(String keyId, String name, Role role) {
    /** The label audit records give qat4j's own transitions (a check, an auto-approval). */
    public static final String SYSTEM_NAME = "qat4j";
    public static final String SYSTEM_ROLE = "system";

    public Principal {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("a principal needs a name");
        }
        if (role == null) {
            throw new IllegalArgumentException("a principal needs a role");
        }
    }

    public boolean can(Role needed) {
        return role.includes(needed);
    }
}
