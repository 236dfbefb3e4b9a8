package io.qat4j.guard.reask;

import java.util.List;

/**
 * Whatever produces text from a conversation: the local model (with its sampling settings and
 * decode-time constraint bound in), a remote one, or a fake in tests.
 */
@FunctionalInterface
public interface TextGenerator {
    /** The model's reply to {@code messages} (system first if any, then alternating user/assistant). */
    String generate(List<ChatMessage> messages);
}
