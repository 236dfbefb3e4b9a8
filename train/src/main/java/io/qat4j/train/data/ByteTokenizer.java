package io.qat4j.train.data;

import java.nio.charset.StandardCharsets;

/**
 * The byte-level vocabulary of testdata/corpus/README.md: ids 0..255 are the raw UTF-8 bytes, then
 * PAD 256, BOS 257, EOS 258, UNK 259 (vocabulary 260). Every byte is one token, so bits per byte and
 * bits per token coincide.
 */
public final class ByteTokenizer implements Tokenizer {
    public static final String NAME = "bytes";
    public static final int PAD = 256;
    public static final int BOS = 257;
    public static final int EOS = 258;
    public static final int UNK = 259;
    public static final int VOCAB_SIZE = 260;
    public static final ByteTokenizer INSTANCE = new ByteTokenizer();

    private ByteTokenizer() {}

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public int vocabSize() {
        return VOCAB_SIZE;
    }

    @Override
    public int bosId() {
        return BOS;
    }

    @Override
    public int[] encode(byte[] utf8) {
        int[] ids = new int[utf8.length];
        for (int i = 0; i < utf8.length; i++) {
            ids[i] = utf8[i] & 0xFF;
        }
        return ids;
    }

    @Override
    public int[] encode(String text) {
        return encode(text.getBytes(StandardCharsets.UTF_8));
    }
}
