package io.qat4j.guard.decode;

import java.util.function.IntFunction;

/**
 * What the decode-time constraint needs from a tokenizer: for each token id, the UTF-8 bytes it
 * appends to the generated text (a SentencePiece "▁" already turned into a space, a byte-fallback
 * token its single byte, a control token nothing). Adapting a tokenizer is one line:
 * {@code TokenVocabulary.of(tok.vocabSize(), tok::tokenBytes)}.
 */
public interface TokenVocabulary {
    int size();

    /** The bytes token {@code id} adds to the text; empty for control tokens. Must not be modified. */
    byte[] tokenBytes(int id);

    static TokenVocabulary of(int size, IntFunction<byte[]> tokenBytes) {
        return new TokenVocabulary() {
            @Override
            public int size() {
                return size;
            }

            @Override
            public byte[] tokenBytes(int id) {
                return tokenBytes.apply(id);
            }
        };
    }
}
