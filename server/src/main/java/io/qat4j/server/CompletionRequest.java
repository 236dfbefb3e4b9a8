package io.qat4j.server;

import java.util.List;

import com.fasterxml.jackson.databind.node.ObjectNode;

import io.qat4j.core.tokenizer.ChatMessage;
import io.qat4j.infer.generate.GenerationOptions;

/**
 * A parsed generation request of the OpenAI API, as hooks see it.
 *
 * @param endpoint     the route it came in on ({@code /v1/chat/completions} or {@code /v1/completions})
 * @param model        the model id the client named (echoed in the response)
 * @param messages     the conversation for chat completions; empty for text completions
 * @param prompt       the prompt text the model reads (for chat, the conversation with its template applied)
 * @param promptTokens the prompt as token ids
 * @param options      how the generation runs (sampling, limits, stop strings, logit processors, timeout)
 * @param stream       whether the answer is streamed as server-sent events
 * @param includeUsage whether a stream ends with a usage chunk
 * @param body         the request body as sent (for extension fields)
 */
public record CompletionRequest(String endpoint, String model, List<ChatMessage> messages, String prompt,
        int[] promptTokens, GenerationOptions options, boolean stream, boolean includeUsage, ObjectNode body) {

    public CompletionRequest {
        messages = List.copyOf(messages);
        promptTokens = promptTokens.clone();
    }

    @Override
    public int[] promptTokens() {
        return promptTokens.clone();
    }

    /** The same request generated with other options (what a hook returns to add constraints). */
    public CompletionRequest withOptions(GenerationOptions o) {
        return new CompletionRequest(endpoint, model, messages, prompt, promptTokens, o, stream, includeUsage, body);
    }
}
