package io.qat4j.server;

import io.qat4j.infer.generate.Completion;

/**
 * A hook around every generation of the OpenAI endpoints: where governance validates prompts, adds
 * decode-time constraints and checks outputs. The default does nothing. Hooks run on request threads
 * (virtual threads), once per request.
 */
public interface CompletionHook {
    CompletionHook NONE = new CompletionHook() {};

    /**
     * Before generation: throw an {@link ApiException} to refuse the request, or return it with changed
     * options (for instance extra {@link io.qat4j.infer.sampling.LogitProcessor}s).
     */
    default CompletionRequest beforeGeneration(CompletionRequest request) {
        return request;
    }

    /**
     * Whether a streamed answer to {@code request} is held back until {@link #afterGeneration} has
     * seen all of it (then sent as one piece, or not at all when blocked), instead of streamed as it
     * is generated. Hold it when the review may block or change the text: streamed text cannot be
     * taken back. Keep-alive comments still flow while it is held.
     */
    default boolean holdsStream(CompletionRequest request) {
        return false;
    }

    /**
     * After generation (for a stream: after the last text chunk was sent, before the final chunk):
     * block the text, replace it (only where it was not streamed yet) and/or add fields to the response.
     */
    default CompletionReview afterGeneration(CompletionRequest request, Completion completion) {
        return CompletionReview.PASS;
    }
}
