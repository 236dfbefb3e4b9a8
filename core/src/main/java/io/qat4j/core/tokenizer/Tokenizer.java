package io.qat4j.core.tokenizer;

import java.util.OptionalInt;

/**
 * Text to token ids and back.
 *
 * <p>Decoding follows one rule for every implementation, driven by {@link #type} and {@link #piece}:
 * a {@link TokenType#BYTE} token {@code <0xXX>} contributes its byte (bytes are assembled into UTF-8);
 * a {@link TokenType#CONTROL} or {@link TokenType#UNKNOWN} token contributes its piece verbatim, or
 * nothing when specials are skipped; every other token contributes its piece with {@code ▁} (U+2581)
 * turned into a space. Ill-formed UTF-8 becomes U+FFFD.
 */
public interface Tokenizer {

    /**
     * Tokenizes text.
     *
     * @param addSpecial   add the tokens the vocabulary puts around a sequence: {@code <bos>} for
     *                     Gemma (GGUF {@code add_bos_token}/{@code add_eos_token}; a tokenizer.json's
     *                     post-processor template)
     * @param parseSpecial recognise control tokens written in the text ({@code "<start_of_turn>"} becomes
     *                     one token); when false they are tokenized as plain text. User-defined tokens
     *                     (newline runs, HTML tags...) are recognised either way.
     */
    int[] encode(String text, boolean addSpecial, boolean parseSpecial);

    /** Decodes, rendering control tokens as their text. */
    default String decode(int[] ids) {
        return decode(ids, false);
    }

    /** Decodes; with {@code skipSpecial}, control and unknown tokens contribute nothing. */
    default String decode(int[] ids, boolean skipSpecial) {
        return IncrementalDecoder.decodeAll(this, ids, skipSpecial);
    }

    /** A decoder for streaming generation: feed ids one by one, get complete text back. */
    default IncrementalDecoder newDecoder(boolean skipSpecial) {
        return new IncrementalDecoder(this, skipSpecial);
    }

    /** The vocabulary text of a token, as stored ({@code ▁} for spaces, {@code <0x0A>} for a byte). */
    String piece(int id);

    TokenType type(int id);

    /** The id whose piece is exactly {@code piece}. */
    OptionalInt idOf(String piece);

    /** Number of ids (the largest id + 1). */
    int vocabSize();

    /** The beginning-of-sequence id, or -1 when the vocabulary has none. */
    int bosId();

    /** The end-of-sequence id ({@code <eos>}), or -1 when the vocabulary has none. */
    int eosId();

    /** True for ids that end a generated turn: EOS, {@code <end_of_turn>} and the like. */
    boolean isEndOfGeneration(int id);
}
