package io.qat4j.train.data;

import java.nio.charset.StandardCharsets;

import io.qat4j.core.gguf.GgufArray;
import io.qat4j.core.gguf.GgufValueType;
import io.qat4j.core.gguf.GgufWriter;
import io.qat4j.core.tokenizer.GgufVocabulary;

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
    public int byteCount(int id) {
        return id >= 0 && id < 256 ? 1 : 0;
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

    /** Whether a GGUF vocabulary is the one {@link #writeGgufVocabulary} writes (a model trained on bytes). */
    public static boolean isByteVocabulary(GgufVocabulary v) {
        if (v.size() != VOCAB_SIZE) {
            return false;
        }
        String[] tokens = v.tokens();
        for (int b = 0; b < 256; b++) {
            if (!tokens[b].equals(String.format("<0x%02X>", b))) {
                return false;
            }
        }
        return tokens[PAD].equals("<pad>") && tokens[BOS].equals("<bos>") && tokens[EOS].equals("<eos>")
                && tokens[UNK].equals("<unk>");
    }

    /** SentencePiece token types (llama.cpp): normal 1, unknown 2, control 3, byte 6. */
    static final int TYPE_UNKNOWN = 2;
    static final int TYPE_CONTROL = 3;
    static final int TYPE_BYTE = 6;

    /**
     * An SPM ("llama") vocabulary of 260 tokens: {@code <0x00>}..{@code <0xFF>} (type byte) at ids
     * 0..255, then {@code <pad>}, {@code <bos>}, {@code <eos>} (control) and {@code <unk>} (unknown),
     * scores 0, explicit special ids, add_bos true, add_space_prefix false.
     */
    @Override
    public void writeGgufVocabulary(GgufWriter w) {
        String[] tokens = new String[VOCAB_SIZE];
        int[] types = new int[VOCAB_SIZE];
        for (int b = 0; b < 256; b++) {
            tokens[b] = String.format("<0x%02X>", b);
            types[b] = TYPE_BYTE;
        }
        tokens[PAD] = "<pad>";
        tokens[BOS] = "<bos>";
        tokens[EOS] = "<eos>";
        tokens[UNK] = "<unk>";
        types[PAD] = TYPE_CONTROL;
        types[BOS] = TYPE_CONTROL;
        types[EOS] = TYPE_CONTROL;
        types[UNK] = TYPE_UNKNOWN;
        w.putString("tokenizer.ggml.model", "llama");
        w.putString("tokenizer.ggml.pre", "default");
        w.putArray("tokenizer.ggml.tokens", GgufArray.ofStrings(tokens));
        w.putArray("tokenizer.ggml.scores", GgufArray.ofFloats(new float[VOCAB_SIZE]));
        w.putArray("tokenizer.ggml.token_type", new GgufArray(GgufValueType.INT32, types));
        w.putUint32("tokenizer.ggml.bos_token_id", BOS);
        w.putUint32("tokenizer.ggml.eos_token_id", EOS);
        w.putUint32("tokenizer.ggml.unknown_token_id", UNK);
        w.putUint32("tokenizer.ggml.padding_token_id", PAD);
        w.putBool("tokenizer.ggml.add_bos_token", true);
        w.putBool("tokenizer.ggml.add_eos_token", false);
        w.putBool("tokenizer.ggml.add_space_prefix", false);
    }
}
