package io.qat4j.infer.generate;

/**
 * The result of one generation.
 *
 * @param text               the generated text (stop strings and end-of-turn tokens excluded)
 * @param finishReason       why it ended
 * @param promptTokens       tokens in the prompt
 * @param cachedPromptTokens prompt tokens whose KV entries were reused from an earlier request
 * @param completionTokens   tokens generated
 * @param prefillNanos       time from start of evaluation to the first generated token
 * @param decodeNanos        time generating the rest
 * @param queueNanos         time waiting for a free slot
 * @param error              the failure when finishReason is ERROR, else null
 */
public record Completion(String text, FinishReason finishReason, int promptTokens, int cachedPromptTokens,
        int completionTokens, long prefillNanos, long decodeNanos, long queueNanos, Throwable error) {

    /** Prompt tokens per second of evaluation (excluding reused ones). */
    public double prefillTokensPerSecond() {
        return prefillNanos > 0 ? (promptTokens - cachedPromptTokens) / (prefillNanos / 1e9) : 0;
    }

    /** Generated tokens per second after the first. */
    public double decodeTokensPerSecond() {
        return decodeNanos > 0 && completionTokens > 1 ? (completionTokens - 1) / (decodeNanos / 1e9) : 0;
    }
}
