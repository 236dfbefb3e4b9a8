package io.qat4j.core.tokenizer;

import java.util.List;

/**
 * Gemma 3's chat template, reproducing the Jinja template of its tokenizer_config.json (minus the
 * leading BOS, which the tokenizer adds):
 * <ul>
 * <li>a first message with role system is not a turn: its content, unchanged, plus a blank line,
 *     is put in front of the first turn's content;
 * <li>the remaining messages must alternate user, assistant, user... starting with user (a message
 *     at an even position must be a user's, one at an odd position must not be);
 * <li>each becomes {@code <start_of_turn>ROLE\n CONTENT <end_of_turn>\n} with the assistant called
 *     {@code model} and the content trimmed of surrounding whitespace;
 * <li>the generation prompt is {@code <start_of_turn>model\n}.
 * </ul>
 */
final class Gemma3ChatTemplate implements ChatTemplate {

    @Override
    public String render(List<ChatMessage> messages, boolean addGenerationPrompt) {
        String firstPrefix = "";
        List<ChatMessage> turns = messages;
        if (!messages.isEmpty() && messages.getFirst().role() == ChatMessage.Role.SYSTEM) {
            firstPrefix = messages.getFirst().content() + "\n\n";
            turns = messages.subList(1, messages.size());
        }
        var sb = new StringBuilder();
        for (int i = 0; i < turns.size(); i++) {
            ChatMessage m = turns.get(i);
            if ((m.role() == ChatMessage.Role.USER) != (i % 2 == 0)) {
                throw new IllegalArgumentException("Conversation roles must alternate user/assistant/user/assistant/..."
                        + " (message " + (messages.size() - turns.size() + i) + " has role " + m.role().wireName() + ")");
            }
            String role = m.role() == ChatMessage.Role.ASSISTANT ? "model" : m.role().wireName();
            sb.append("<start_of_turn>").append(role).append('\n');
            if (i == 0) {
                sb.append(firstPrefix);
            }
            sb.append(PythonStrings.strip(m.content())).append("<end_of_turn>\n");
        }
        if (addGenerationPrompt) {
            sb.append("<start_of_turn>model\n");
        }
        return sb.toString();
    }
}
