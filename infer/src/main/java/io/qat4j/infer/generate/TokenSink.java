package io.qat4j.infer.generate;

/**
 * Receives a generation as it happens, on the engine's thread: keep it quick. Throwing from it
 * cancels the generation (a disconnected client).
 */
public interface TokenSink {
    /** A piece of newly generated text (complete characters; text that may begin a stop string is held back). */
    default void onText(String delta) {}

    /** Each generated token id, before its text is known to be final. */
    default void onToken(int id) {}

    TokenSink NONE = new TokenSink() {};
}
