package io.qat4j.train.data;

import java.nio.charset.StandardCharsets;

import io.qat4j.core.gguf.GgufWriter;

/**
 * What training needs of a tokenizer: text in, token ids out, and the id that starts a sequence.
 * {@link ByteTokenizer} is built in; SentencePiece/BPE vocabularies plug in through this interface.
 */
public interface Tokenizer {

    /** The name recorded in checkpoints and logs ({@code bytes}, or a vocabulary file). */
    String name();

    int vocabSize();

    /** The id every training and evaluation sequence starts with. */
    int bosId();

    int[] encode(String text);

    /** Writes the {@code tokenizer.ggml.*} keys that let llama.cpp and qat4j rebuild this vocabulary. */
    void writeGgufVocabulary(GgufWriter writer);

    /** Tokenizes UTF-8 bytes; byte-level tokenizers override this to skip decoding. */
    default int[] encode(byte[] utf8) {
        return encode(new String(utf8, StandardCharsets.UTF_8));
    }
}
