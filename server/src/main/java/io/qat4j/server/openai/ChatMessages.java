package io.qat4j.server.openai;

import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;

import io.qat4j.core.tokenizer.ChatMessage;
import io.qat4j.server.ApiException;
import io.qat4j.server.JsonFields;

/**
 * Reads OpenAI's {@code messages}: roles system (or developer, its newer name), user and assistant;
 * content as a string or as an array of text parts, which are joined as Gemma 3's own template joins
 * them (each part trimmed, no separator).
 */
public final class ChatMessages {
    private ChatMessages() {}

    public static List<ChatMessage> parse(JsonFields body) {
        ArrayNode array = body.array("messages").orElseThrow(() -> ApiException.missing("messages"));
        if (array.isEmpty()) {
            throw ApiException.invalidValue("messages", "Invalid value for 'messages': the conversation is empty.");
        }
        var out = new ArrayList<ChatMessage>(array.size());
        for (int i = 0; i < array.size(); i++) {
            JsonFields m = body.element("messages", array, i);
            out.add(new ChatMessage(role(m), content(m)));
        }
        return out;
    }

    private static ChatMessage.Role role(JsonFields m) {
        String role = m.requiredString("role");
        return switch (role) {
            case "system", "developer" -> ChatMessage.Role.SYSTEM;
            case "user" -> ChatMessage.Role.USER;
            case "assistant" -> ChatMessage.Role.ASSISTANT;
            case "tool", "function" -> throw ApiException.unsupported(m.param("role"),
                    "Messages with role '" + role + "' are not supported: this server has no tool calling.");
            default -> throw ApiException.invalidValue(m.param("role"), "Invalid value for '" + m.param("role") + "': '"
                    + role + "' (expected system, developer, user or assistant).");
        };
    }

    private static String content(JsonFields m) {
        JsonNode content = m.get("content");
        if (content == null) {
            throw ApiException.missing(m.param("content"));
        }
        if (content.isTextual()) {
            return content.textValue();
        }
        ArrayNode parts = m.array("content").orElseThrow();
        var text = new StringBuilder();
        for (int j = 0; j < parts.size(); j++) {
            JsonFields part = m.element("content", parts, j);
            String type = part.requiredString("type");
            if (!type.equals("text")) {
                throw ApiException.unsupported(part.param("type"), "Only text content parts are supported, not '" + type + "'.");
            }
            text.append(part.requiredString("text").strip());
        }
        return text.toString();
    }
}
