package io.qat4j.core.tokenizer;

import java.util.Locale;
import java.util.Objects;

/** One turn of a conversation. */
public record ChatMessage(Role role, String content) {

    /** Who speaks; {@link #wireName()} is the OpenAI / Hugging Face name. */
    public enum Role {
        SYSTEM, USER, ASSISTANT;

        public String wireName() {
            return name().toLowerCase(Locale.ROOT);
        }

        /** "system", "user" or "assistant" (any case). */
        public static Role parse(String name) {
            for (Role r : values()) {
                if (r.wireName().equalsIgnoreCase(name)) {
                    return r;
                }
            }
            throw new IllegalArgumentException("unknown chat role '" + name + "' (expected system, user or assistant)");
        }
    }

    public ChatMessage {
        Objects.requireNonNull(role, "role");
        Objects.requireNonNull(content, "content");
    }

    public static ChatMessage system(String content) {
        return new ChatMessage(Role.SYSTEM, content);
    }

    public static ChatMessage user(String content) {
        return new ChatMessage(Role.USER, content);
    }

    public static ChatMessage assistant(String content) {
        return new ChatMessage(Role.ASSISTANT, content);
    }
}
