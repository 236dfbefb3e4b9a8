package io.qat4j.guard.review;

import java.util.Map;

/**
 * Where a text came from, when a model wrote it: the prompt, the model file and its SHA-256, and
 * the sampling settings. Every field may be null for a text a person wrote.
 *
 * @param prompt      the prompt as the model read it (system and user parts)
 * @param modelFile   the model's file name or path
 * @param modelSha256 hex SHA-256 of the model file
 * @param settings    sampling settings (temperature, top_p, max_tokens, seed…)
 */
public record Provenance(String prompt, String modelFile, String modelSha256, Map<String, Object> settings) {
    public static final Provenance NONE = new Provenance(null, null, null, Map.of());

    public Provenance {
        settings = settings == null ? Map.of() : Map.copyOf(settings);
    }
}
