package io.qat4j.core.tokenizer;

import java.util.Arrays;

import io.qat4j.core.gguf.GgufArray;
import io.qat4j.core.gguf.GgufMetadata;
import io.qat4j.core.gguf.GgufWriter;

/**
 * A SentencePiece-style vocabulary as GGUF stores it under {@code tokenizer.ggml.*}
 * ({@code tokenizer.ggml.model = "llama"}), in the element types llama.cpp reads: tokens as a string
 * array, scores float32, token types int32, special ids uint32, flags bool.
 *
 * @param tokens         the pieces, id order
 * @param scores         merge priority of each piece (higher merges first)
 * @param types          what each piece is
 * @param bosId          beginning of sequence, -1 for none
 * @param eosId          end of sequence, -1 for none
 * @param unkId          unknown, -1 for none
 * @param padId          padding, -1 for none
 * @param addBos         put BOS before a sequence
 * @param addEos         put EOS after a sequence
 * @param addSpacePrefix put a space before text that starts a sequence or follows a special token
 */
public record GgufVocabulary(String[] tokens, float[] scores, TokenType[] types, int bosId, int eosId, int unkId,
        int padId, boolean addBos, boolean addEos, boolean addSpacePrefix) {

    public static final String MODEL = "tokenizer.ggml.model";
    public static final String PRE = "tokenizer.ggml.pre";
    public static final String TOKENS = "tokenizer.ggml.tokens";
    public static final String SCORES = "tokenizer.ggml.scores";
    public static final String TOKEN_TYPE = "tokenizer.ggml.token_type";
    public static final String BOS_ID = "tokenizer.ggml.bos_token_id";
    public static final String EOS_ID = "tokenizer.ggml.eos_token_id";
    public static final String UNK_ID = "tokenizer.ggml.unknown_token_id";
    public static final String PAD_ID = "tokenizer.ggml.padding_token_id";
    public static final String EOT_ID = "tokenizer.ggml.eot_token_id";
    public static final String ADD_BOS = "tokenizer.ggml.add_bos_token";
    public static final String ADD_EOS = "tokenizer.ggml.add_eos_token";
    public static final String ADD_SPACE_PREFIX = "tokenizer.ggml.add_space_prefix";
    /** The value of {@link #MODEL} for a SentencePiece vocabulary. */
    public static final String SENTENCEPIECE_MODEL = "llama";

    public GgufVocabulary {
        tokens = tokens.clone();
        scores = scores.clone();
        types = types.clone();
        if (scores.length != tokens.length || types.length != tokens.length) {
            throw new IllegalArgumentException("vocabulary has " + tokens.length + " tokens, " + scores.length
                    + " scores and " + types.length + " types");
        }
        if (Arrays.asList(tokens).contains(null) || Arrays.asList(types).contains(null)) {
            throw new IllegalArgumentException("vocabulary has a null token or type");
        }
        checkId("bosId", bosId, tokens.length);
        checkId("eosId", eosId, tokens.length);
        checkId("unkId", unkId, tokens.length);
        checkId("padId", padId, tokens.length);
    }

    @Override
    public String[] tokens() {
        return tokens.clone();
    }

    @Override
    public float[] scores() {
        return scores.clone();
    }

    @Override
    public TokenType[] types() {
        return types.clone();
    }

    public int size() {
        return tokens.length;
    }

    /** Writes every {@code tokenizer.ggml.*} key of this vocabulary, special ids explicitly. */
    public void write(GgufWriter out) {
        int[] typeCodes = new int[types.length];
        for (int i = 0; i < types.length; i++) {
            typeCodes[i] = types[i].code();
        }
        out.putString(MODEL, SENTENCEPIECE_MODEL);
        out.putString(PRE, "default");
        out.putArray(TOKENS, GgufArray.ofStrings(tokens));
        out.putArray(SCORES, GgufArray.ofFloats(scores));
        out.putArray(TOKEN_TYPE, GgufArray.ofInt32(typeCodes));
        putId(out, BOS_ID, bosId);
        putId(out, EOS_ID, eosId);
        putId(out, UNK_ID, unkId);
        putId(out, PAD_ID, padId);
        out.putBool(ADD_BOS, addBos);
        out.putBool(ADD_EOS, addEos);
        out.putBool(ADD_SPACE_PREFIX, addSpacePrefix);
    }

    /**
     * Reads the vocabulary of a GGUF. Absent keys take llama.cpp's SentencePiece defaults: scores 0,
     * type NORMAL, BOS 1, EOS 2, UNK 0, no padding, add BOS, no EOS, add a space prefix.
     *
     * @throws IllegalArgumentException naming the file and key when the vocabulary is missing, not
     *                                  SentencePiece, or inconsistent
     */
    public static GgufVocabulary read(GgufMetadata md) {
        String source = md.source();
        if (!md.contains(MODEL)) {
            throw new IllegalArgumentException(source + ": no tokenizer in this GGUF (metadata key '" + MODEL + "' is missing)");
        }
        String model = md.getString(MODEL);
        if (!model.equals(SENTENCEPIECE_MODEL)) {
            throw new IllegalArgumentException(source + ": metadata key '" + MODEL + "' is '" + model
                    + "'; qat4j reads SentencePiece vocabularies ('" + SENTENCEPIECE_MODEL + "') only");
        }
        String[] tokens = md.getStringArray(TOKENS);
        int n = tokens.length;
        if (n == 0) {
            throw new IllegalArgumentException(source + ": metadata key '" + TOKENS + "' is empty");
        }
        float[] scores = md.contains(SCORES) ? md.getFloatArray(SCORES) : new float[n];
        checkLength(source, SCORES, scores.length, n);
        var types = new TokenType[n];
        if (md.contains(TOKEN_TYPE)) {
            int[] codes = md.getIntArray(TOKEN_TYPE);
            checkLength(source, TOKEN_TYPE, codes.length, n);
            for (int i = 0; i < n; i++) {
                types[i] = TokenType.fromCode(codes[i]);
                if (types[i] == null) {
                    throw new IllegalArgumentException(source + ": metadata key '" + TOKEN_TYPE + "' element " + i
                            + " is " + codes[i] + ", not a token type (0..6)");
                }
            }
        } else {
            Arrays.fill(types, TokenType.NORMAL);
        }
        return new GgufVocabulary(tokens, scores, types,
                readId(md, BOS_ID, 1, n), readId(md, EOS_ID, 2, n), readId(md, UNK_ID, 0, n), readId(md, PAD_ID, -1, n),
                md.getBoolean(ADD_BOS, true), md.getBoolean(ADD_EOS, false), md.getBoolean(ADD_SPACE_PREFIX, true));
    }

    /** An optional id key of the metadata (e.g. {@link #EOT_ID}), -1 when absent. */
    static int readOptionalId(GgufMetadata md, String key, int vocabSize) {
        return readId(md, key, -1, vocabSize);
    }

    private static int readId(GgufMetadata md, String key, int fallback, int n) {
        if (!md.contains(key)) {
            return fallback < n ? fallback : -1;
        }
        long id = md.getLong(key);
        if (id < 0 || id >= n) {
            throw new IllegalArgumentException(md.source() + ": metadata key '" + key + "' is " + id
                    + ", outside the vocabulary of " + n + " tokens");
        }
        return (int) id;
    }

    private static void putId(GgufWriter out, String key, int id) {
        if (id >= 0) {
            out.putUint32(key, id);
        }
    }

    private static void checkLength(String source, String key, int length, int n) {
        if (length != n) {
            throw new IllegalArgumentException(source + ": metadata key '" + key + "' has " + length
                    + " elements for " + n + " tokens");
        }
    }

    private static void checkId(String name, int id, int n) {
        if (id < -1 || id >= n) {
            throw new IllegalArgumentException(name + " " + id + " is outside the vocabulary of " + n + " tokens");
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof GgufVocabulary v && Arrays.equals(tokens, v.tokens) && Arrays.equals(scores, v.scores)
                && Arrays.equals(types, v.types) && bosId == v.bosId && eosId == v.eosId && unkId == v.unkId
                && padId == v.padId && addBos == v.addBos && addEos == v.addEos && addSpacePrefix == v.addSpacePrefix;
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(tokens) + Arrays.hashCode(scores);
    }

    @Override
    public String toString() {
        return "GgufVocabulary[" + tokens.length + " tokens, bos " + bosId + ", eos " + eosId + ", unk " + unkId
                + ", pad " + padId + "]";
    }
}
