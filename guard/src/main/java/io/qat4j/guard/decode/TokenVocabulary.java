package io.qat4j.guard.decode;

import java.nio.charset.StandardCharsets;
import java.util.function.IntFunction;

import io.qat4j.core.tokenizer.TokenType;
import io.qat4j.core.tokenizer.Tokenizer;

/**
 * What the decode-time constraint needs from a tokenizer: for each token id, the UTF-8 bytes it
 * appends to the generated text (a SentencePiece "▁" already turned into a space, a byte-fallback
 * token its single byte, a control token nothing). {@link #of(Tokenizer)} adapts the project's
 * tokenizers.
 */
public interface TokenVocabulary {
    int size();

    /** The bytes token {@code id} adds to the text; empty for control tokens. Must not be modified. */
    byte[] tokenBytes(int id);

    /**
     * The tokens of {@code tokenizer} as its decoder renders them with special tokens skipped
     * ({@code decode(ids, true)}): a byte token {@code <0xXX>} is its byte, control and unknown
     * tokens are nothing, other pieces are their text with {@code ▁} as a space. The bytes are
     * computed once, here.
     */
    static TokenVocabulary of(Tokenizer tokenizer) {
        int n = tokenizer.vocabSize();
        byte[][] bytes = new byte[n][];
        for (int id = 0; id < n; id++) {
            TokenType type = tokenizer.type(id);
            String piece = tokenizer.piece(id);
            if (type == TokenType.BYTE) {
                bytes[id] = new byte[] {(byte) Integer.parseInt(piece.substring(3, 5), 16)};
            } else if (type.isSpecial()) {
                bytes[id] = new byte[0];
            } else {
                bytes[id] = piece.replace('\u2581', ' ').getBytes(StandardCharsets.UTF_8);
            }
        }
        return of(n, id -> bytes[id]);
    }

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
