package io.qat4j.server;

import java.util.Map;

/**
 * What a {@link CompletionHook} concluded about a finished generation.
 *
 * @param blocked    withhold the text: the choice ends with finish_reason {@code content_filter}
 * @param extensions extra top-level fields of the response (a streamed response carries them on its
 *                   final chunk); values are serialised as JSON. OpenAI clients ignore fields they do not
 *                   know, so they still parse the response.
 */
public record CompletionReview(boolean blocked, Map<String, Object> extensions) {
    public static final CompletionReview PASS = new CompletionReview(false, Map.of());

    public CompletionReview {
        extensions = Map.copyOf(extensions);
    }
}
