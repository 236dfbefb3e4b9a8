package io.qat4j.guard.reask;

import java.util.List;
import java.util.function.Supplier;

import io.qat4j.core.tokenizer.ChatMessage;
import io.qat4j.infer.api.LocalModel;
import io.qat4j.infer.generate.Completion;
import io.qat4j.infer.generate.ContextOverflowException;
import io.qat4j.infer.generate.GenerationOptions;

/**
 * A {@link TextGenerator} on an in-process model: each call answers the conversation with the
 * model's chat template and a fresh set of options (a decode-time constraint's processor follows
 * one sequence, so each generation needs a new one). A conversation that no longer fits the
 * context is a {@link GenerationUnavailableException}.
 */
public final class LocalModelGenerator implements TextGenerator {
    private final LocalModel model;
    private final Supplier<GenerationOptions> options;

    /** @param options called once per generation; must return new logit processors each time */
    public LocalModelGenerator(LocalModel model, Supplier<GenerationOptions> options) {
        this.model = model;
        this.options = options;
    }

    @Override
    public String generate(List<ChatMessage> messages) {
        Completion c;
        try {
            c = model.chat(messages, options.get());
        } catch (ContextOverflowException e) {
            throw new GenerationUnavailableException("the conversation no longer fits the model's context: "
                    + e.getMessage(), e);
        }
        if (c.error() != null) {
            throw new IllegalStateException("generation failed: " + c.error().getMessage(), c.error());
        }
        return c.text();
    }
}
