package io.qat4j.core.tokenizer;

import java.util.Arrays;
import java.util.OptionalInt;
import java.util.function.IntConsumer;

/** What both vocabulary-based tokenizers share: the pieces, the special ids, byte fallback. */
abstract sealed class VocabularyTokenizer implements Tokenizer permits SentencePieceTokenizer, HfBpeTokenizer {
    /** Pieces that end a turn whatever the file says about EOS. */
    private static final String[] END_OF_TURN_PIECES = {"<end_of_turn>"};

    final Vocabulary vocab;
    final int bosId;
    final int eosId;
    final int unkId;
    private final int[] endOfGeneration;

    /**
     * @param extraEndIds further ids that end a generation (e.g. a GGUF eot_token_id); -1 entries are ignored
     */
    VocabularyTokenizer(Vocabulary vocab, int bosId, int eosId, int unkId, int... extraEndIds) {
        this.vocab = vocab;
        this.bosId = bosId;
        this.eosId = eosId;
        this.unkId = unkId;
        var ends = java.util.stream.IntStream.builder();
        ends.add(eosId);
        for (int id : extraEndIds) {
            ends.add(id);
        }
        for (String p : END_OF_TURN_PIECES) {
            ends.add(vocab.idOf(p));
        }
        endOfGeneration = ends.build().filter(id -> id >= 0).sorted().distinct().toArray();
    }

    @Override
    public String piece(int id) {
        return vocab.piece(id);
    }

    @Override
    public TokenType type(int id) {
        return vocab.type(id);
    }

    @Override
    public OptionalInt idOf(String piece) {
        int id = vocab.idOf(piece);
        return id < 0 ? OptionalInt.empty() : OptionalInt.of(id);
    }

    @Override
    public int vocabSize() {
        return vocab.size();
    }

    @Override
    public int bosId() {
        return bosId;
    }

    @Override
    public int eosId() {
        return eosId;
    }

    @Override
    public boolean isEndOfGeneration(int id) {
        return Arrays.binarySearch(endOfGeneration, id) >= 0;
    }

    /**
     * Byte fallback for one code point: emits the {@code <0xXX>} tokens of its UTF-8 bytes and returns
     * true, or emits nothing and returns false when one of those byte tokens is missing.
     */
    final boolean emitBytes(int codePoint, IntConsumer out) {
        byte[] buf = new byte[4];
        int n = Utf8.encode(codePoint, buf);
        for (int k = 0; k < n; k++) {
            if (vocab.byteTokenId(buf[k] & 0xFF) < 0) {
                return false;
            }
        }
        for (int k = 0; k < n; k++) {
            out.accept(vocab.byteTokenId(buf[k] & 0xFF));
        }
        return true;
    }

    final int requireUnknown(int codePoint) {
        if (unkId < 0) {
            throw new IllegalArgumentException(String.format(
                    "character U+%04X cannot be tokenized: the vocabulary has neither its bytes nor an unknown token",
                    codePoint));
        }
        return unkId;
    }
}
