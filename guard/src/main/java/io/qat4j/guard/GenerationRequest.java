package io.qat4j.guard;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

/**
 * A request to generate text, as the prompt and configuration policy rules see it. A null setting
 * is "not set" and is not checked: fill in the server's defaults before checking if they matter.
 *
 * @param model        the model's name or file path
 * @param systemPrompt may be null
 * @param userPrompt   may be null
 * @param temperature  may be null
 * @param topP         may be null
 * @param maxTokens    may be null
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
@JsonInclude(JsonInclude.Include.NON_NULL)
public record GenerationRequest(String model, String systemPrompt, String userPrompt, Double temperature,
        Double topP, Integer maxTokens) {

    public GenerationRequest withUserPrompt(String prompt) {
        return new GenerationRequest(model, systemPrompt, prompt, temperature, topP, maxTokens);
    }
}
