package io.qat4j.server.openai;

import com.fasterxml.jackson.databind.JsonNode;

import io.qat4j.core.tokenizer.Tokenizer;
import io.qat4j.infer.api.LocalModel;
import io.qat4j.server.ApiException;
import io.qat4j.server.JsonFields;

/**
 * Reads the {@code prompt} of a text completion: a string (possibly empty: BOS alone; tokenized with BOS, control tokens as plain
 * text, as {@code LocalModel.generate} does), an array holding one string, or an array of token ids
 * (used as given).
 *
 * @param text   the prompt as text
 * @param tokens the prompt as token ids
 */
record TextPrompt(String text, int[] tokens) {

    static TextPrompt parse(JsonFields body, LocalModel model) {
        Tokenizer tokenizer = model.tokenizer();
        JsonNode prompt = body.get("prompt");
        if (prompt == null) {
            throw ApiException.missing("prompt");
        }
        if (prompt.isTextual()) {
            return new TextPrompt(prompt.textValue(), model.textTokens(prompt.textValue()));
        }
        if (!prompt.isArray()) {
            throw ApiException.wrongType("prompt", "a string, an array of strings or an array of token ids");
        }
        if (prompt.size() == 1 && prompt.get(0).isTextual()) {
            return new TextPrompt(prompt.get(0).textValue(), model.textTokens(prompt.get(0).textValue()));
        }
        if (prompt.isEmpty() || prompt.get(0).isTextual() || prompt.get(0).isArray()) {
            throw ApiException.unsupported("prompt", "Send one prompt per request (a string or one array of token ids).");
        }
        int[] ids = new int[prompt.size()];
        for (int i = 0; i < ids.length; i++) {
            JsonNode id = prompt.get(i);
            if (!id.isIntegralNumber() || !id.canConvertToInt() || id.intValue() < 0 || id.intValue() >= tokenizer.vocabSize()) {
                throw ApiException.invalidValue("prompt[" + i + "]", "Invalid value for 'prompt[" + i + "]': expected a token id in [0, "
                        + tokenizer.vocabSize() + "), got " + id + ".");
            }
            ids[i] = id.intValue();
        }
        return new TextPrompt(tokenizer.decode(ids), ids);
    }
}
