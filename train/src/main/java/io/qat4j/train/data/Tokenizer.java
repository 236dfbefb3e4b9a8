package io.qat4j.train.data;

import java.nio.charset.StandardCharsets;

import io.qat4j.core.gguf.GgufWriter;

/**
 * What training needs of a tokenizer: text in, token ids out, the id that starts a sequence, and how
 * many bytes of text each id stands for (bits per byte divide by those). {@link ByteTokenizer} is built
 * in; {@link GgufTokenizer} reads a SentencePiece vocabulary (one {@code qat4j tokenizer-train} wrote).
 */
public interface Tokenizer {

    /** The name recorded in checkpoints and logs ({@code bytes}, or a vocabulary file). */
    String name();

    int vocabSize();

    /** The id every training and evaluation sequence starts with. */
    int bosId();

    int[] encode(String text);

    /**
     * The UTF-8 bytes of text token {@code id} stands for (0 for control tokens), so that the bytes a
     * window of tokens scores add up exactly to the text it covers.
     */
    int byteCount(int id);

    /** Writes the {@code tokenizer.ggml.*} keys that let llama.cpp and qat4j rebuild this vocabulary. */
    void writeGgufVocabulary(GgufWriter writer);

    /** Tokenizes UTF-8 bytes; byte-level tokenizers override this to skip decoding. */
    default int[] encode(byte[] utf8) {
        return encode(new String(utf8, StandardCharsets.UTF_8));
    }
}
