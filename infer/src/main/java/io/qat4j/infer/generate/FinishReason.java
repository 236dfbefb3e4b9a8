package io.qat4j.infer.generate;

/** Why a generation ended. */
public enum FinishReason {
    /** The model ended its turn, or a stop string appeared. */
    STOP,
    /** The token limit or the context size was reached. */
    LENGTH,
    /** The caller cancelled it (e.g. the client disconnected). */
    CANCELLED,
    /** It ran past its deadline. */
    TIMEOUT,
    /** A content rule blocked it. */
    CONTENT_FILTER,
    /** The engine failed; see the completion's error. */
    ERROR;

    /** The OpenAI API's name for it. */
    public String openAiName() {
        return switch (this) {
            case STOP -> "stop";
            case LENGTH, TIMEOUT -> "length";
            case CONTENT_FILTER -> "content_filter";
            case CANCELLED, ERROR -> "stop";
        };
    }
}
