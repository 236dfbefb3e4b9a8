package io.qat4j.train.tokenizer;

/**
 * What {@link BpeTrainer} learns.
 *
 * @param vocabSize       tokens in the vocabulary, the {@link ReservedTokens#COUNT} reserved ones included
 * @param minCharCount    a character seen fewer times is left out of the vocabulary and falls back to its
 *                        UTF-8 byte tokens
 * @param maxPieceLength  longest learned piece, in characters (SentencePiece's default is 16)
 */
public record BpeOptions(int vocabSize, int minCharCount, int maxPieceLength) {
    public static final int DEFAULT_VOCAB_SIZE = 4096;
    public static final int DEFAULT_MIN_CHAR_COUNT = 2;
    public static final int DEFAULT_MAX_PIECE_LENGTH = 16;

    public BpeOptions {
        if (vocabSize <= ReservedTokens.COUNT) {
            throw new IllegalArgumentException("vocabulary size " + vocabSize + " is too small: the " + ReservedTokens.COUNT
                    + " reserved tokens (<pad> <eos> <bos> <unk>, 256 byte tokens, <start_of_turn> <end_of_turn>) "
                    + "leave no room for learned pieces; use at least " + (ReservedTokens.COUNT + 1));
        }
        if (minCharCount < 1) {
            throw new IllegalArgumentException("minimum character count must be at least 1, not " + minCharCount);
        }
        if (maxPieceLength < 2) {
            throw new IllegalArgumentException("maximum piece length must be at least 2 characters, not " + maxPieceLength);
        }
    }

    public static BpeOptions ofVocabSize(int vocabSize) {
        return new BpeOptions(vocabSize, DEFAULT_MIN_CHAR_COUNT, DEFAULT_MAX_PIECE_LENGTH);
    }
}
