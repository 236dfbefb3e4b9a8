package io.qat4j.infer.generate;

/** A prompt that does not fit the context (with room for at least one generated token). */
public class ContextOverflowException extends IllegalArgumentException {
    private final int promptTokens;
    private final int contextSize;

    public ContextOverflowException(int promptTokens, int contextSize) {
        super("the prompt has " + promptTokens + " tokens but the context holds " + contextSize
                + " (including at least one generated token)");
        this.promptTokens = promptTokens;
        this.contextSize = contextSize;
    }

    public int promptTokens() {
        return promptTokens;
    }

    public int contextSize() {
        return contextSize;
    }
}
