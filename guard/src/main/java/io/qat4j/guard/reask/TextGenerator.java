package io.qat4j.guard.reask;

import java.util.List;

import io.qat4j.core.tokenizer.ChatMessage;

/**
 * Whatever produces text from a conversation: the local model (with its sampling settings and
 * decode-time constraint bound in), a remote one, or a fake in tests. With the local model:
 * <pre>{@code
 * TextGenerator model = messages -> localModel.chat(messages,
 *         options.withProcessors(List.of(constraint.newProcessor()))).text();
 * }</pre>
 * (a new processor per generation: it follows one sequence).
 */
@FunctionalInterface
public interface TextGenerator {
    /** The model's reply to {@code messages} (system first if any, then alternating user/assistant). */
    String generate(List<ChatMessage> messages);
}
