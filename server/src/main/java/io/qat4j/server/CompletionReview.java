package io.qat4j.server;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What a {@link CompletionHook} concluded about a finished generation.
 *
 * @param blocked    withhold the text: the choice ends with finish_reason {@code content_filter}
 * @param extensions extra top-level fields of the response (a streamed response carries them on its
 *                   final chunk); values are serialised as JSON. OpenAI clients ignore fields they do not
 *                   know, so they still parse the response. Written in the map's iteration order.
 * @param text       the text to answer with instead of the generated one (fixed, or regenerated), or
 *                   null to keep it; only possible where the text was not streamed yet (see
 *                   {@link CompletionHook#holdsStream})
 */
public record CompletionReview(boolean blocked, Map<String, Object> extensions, String text) {
    public static final CompletionReview PASS = new CompletionReview(false, Map.of());

    public CompletionReview {
        // Unmodifiable, in the hook's order (Map.copyOf would shuffle the fields from one run to the next).
        extensions = Collections.unmodifiableMap(new LinkedHashMap<>(extensions));
    }

    public CompletionReview(boolean blocked, Map<String, Object> extensions) {
        this(blocked, extensions, null);
    }
}
