package io.qat4j.guard.decode;

import java.nio.charset.StandardCharsets;

import io.qat4j.core.gguf.GgufMetadata;

/**
 * A {@link TokenVocabulary} read straight from a GGUF's SentencePiece vocabulary, for tests until
 * the tokenizer module provides the per-token bytes: byte tokens {@code <0xNN>} are their byte,
 * control and unknown tokens are empty, other pieces are their UTF-8 with "▁" as a space.
 */
final class GgufTokenBytes {
    private static final int TYPE_UNKNOWN = 2;
    private static final int TYPE_CONTROL = 3;
    private static final int TYPE_BYTE = 6;

    private GgufTokenBytes() {
    }

    static TokenVocabulary of(GgufMetadata metadata) {
        String[] pieces = metadata.getStringArray("tokenizer.ggml.tokens");
        int[] types = metadata.getIntArray("tokenizer.ggml.token_type");
        byte[][] bytes = new byte[pieces.length][];
        for (int i = 0; i < pieces.length; i++) {
            bytes[i] = switch (types[i]) {
                case TYPE_BYTE -> new byte[] {(byte) Integer.parseInt(pieces[i].substring(3, 5), 16)};
                case TYPE_CONTROL, TYPE_UNKNOWN -> new byte[0];
                default -> pieces[i].replace('\u2581', ' ').getBytes(StandardCharsets.UTF_8);
            };
        }
        return TokenVocabulary.of(bytes.length, id -> bytes[id]);
    }
}
