package io.qat4j.guard.reask;

/** One chat turn: role is "system", "user" or "assistant" (the model). */
public record ChatMessage(String role, String content) {

    public ChatMessage {
        if (!role.equals("system") && !role.equals("user") && !role.equals("assistant")) {
            throw new IllegalArgumentException("role must be system, user or assistant, not '" + role + "'");
        }
        if (content == null) {
            throw new IllegalArgumentException("a " + role + " message needs content");
        }
    }

    public static ChatMessage system(String content) {
        return new ChatMessage("system", content);
    }

    public static ChatMessage user(String content) {
        return new ChatMessage("user", content);
    }

    public static ChatMessage assistant(String content) {
        return new ChatMessage("assistant", content);
    }
}
