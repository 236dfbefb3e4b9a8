package io.qat4j.guard.review;

import java.time.Instant;

/**
 * A guideline version kept in the store, as uploaded.
 *
 * @param id         identifies this version
 * @param name       the guideline's name
 * @param version    its version
 * @param yaml       the file as uploaded
 * @param sha256     hex SHA-256 of the YAML
 * @param uploadedBy who uploaded it
 * @param uploadedAt when
 * @param active     whether new content is checked against it
 */
public record StoredGuideline(String id, String name, String version, String yaml, String sha256, String uploadedBy,
        Instant uploadedAt, boolean active) {
}
