package io.qat4j.core.tokenizer;

import java.util.List;

/** Turns a conversation into the prompt text a model was trained on. */
public interface ChatTemplate {

    /**
     * The prompt text, without the BOS token (encode it with {@code addSpecial = true} and
     * {@code parseSpecial = true}).
     *
     * @param addGenerationPrompt end with the opening of the model's turn, so it answers next
     * @throws IllegalArgumentException when the conversation breaks the template's rules
     */
    String render(List<ChatMessage> messages, boolean addGenerationPrompt);

    /** Gemma 3's template. */
    static ChatTemplate gemma3() {
        return new Gemma3ChatTemplate();
    }
}
