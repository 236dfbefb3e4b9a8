package io.qat4j.train.data;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.stream.IntStream;
import java.util.stream.LongStream;

import io.qat4j.core.gguf.GgufFile;
import io.qat4j.core.gguf.GgufReader;
import io.qat4j.core.gguf.GgufWriter;
import io.qat4j.core.tokenizer.GgufVocabulary;
import io.qat4j.core.tokenizer.SentencePieceTokenizer;
import io.qat4j.core.tokenizer.TokenType;

/**
 * A SentencePiece vocabulary read from a GGUF (one written by {@code qat4j tokenizer-train}, or any model
 * file that carries one), tokenizing with qat4j's {@link SentencePieceTokenizer}, so training sees the
 * same ids as inference and llama.cpp. Text is tokenized as plain text: no BOS/EOS added (the sampler
 * puts BOS before each window) and control-token names written in the text are not recognised.
 *
 * <p>Long text is tokenized in chunks of about {@value #CHUNK_CHARS} characters, cut only between two
 * characters that appear side by side in no vocabulary piece: no merge can join across such a cut, so
 * the tokens are those of the whole text, and the merge loop's working set stays in cache (the 3.8 MB
 * KJV train split tokenizes in about 3 s instead of 10).
 *
 * <p>Its name, recorded in checkpoints, is the file name and a digest of the vocabulary, so a resumed
 * run refuses a different vocabulary even under the same name.
 */
public final class GgufTokenizer implements Tokenizer {
    private static final char SPACE = '\u2581';
    private final String name;
    private final GgufVocabulary vocabulary;
    private final SentencePieceTokenizer tokenizer;
    private final int[] byteCounts;
    private final int[] byteTokens = new int[256];
    /** Pairs of adjacent characters inside some piece (spaces as ▁), sorted: text is cut only between others. */
    private final long[] innerPairs;
    static final int CHUNK_CHARS = 4096;

    private GgufTokenizer(String name, GgufVocabulary vocabulary) {
        if (vocabulary.bosId() < 0) {
            throw new IllegalArgumentException(name + ": the vocabulary has no BOS token, which every training "
                    + "sequence starts with");
        }
        this.name = name + "#" + digest(vocabulary);
        this.vocabulary = vocabulary;
        this.tokenizer = new SentencePieceTokenizer(vocabulary);
        byteCounts = new int[vocabulary.size()];
        Arrays.fill(byteTokens, -1);
        var pairs = LongStream.builder();
        for (int id = 0; id < byteCounts.length; id++) {
            byteCounts[id] = textBytes(tokenizer.type(id), tokenizer.piece(id));
            if (tokenizer.type(id) == TokenType.BYTE) {
                byteTokens[Integer.parseInt(tokenizer.piece(id), 3, 5, 16)] = id;
            }
            int[] cps = tokenizer.piece(id).codePoints().toArray();
            for (int k = 0; k + 1 < cps.length; k++) {
                pairs.add(pair(cps[k], cps[k + 1]));
            }
        }
        innerPairs = pairs.build().sorted().distinct().toArray();
    }

    private static long pair(int first, int second) {
        return (long) escaped(first) << 32 | escaped(second);
    }

    private static int escaped(int cp) {
        return cp == ' ' ? SPACE : cp;
    }

    /** @param name names the vocabulary in checkpoints and messages */
    public static GgufTokenizer of(String name, GgufVocabulary vocabulary) {
        return new GgufTokenizer(name, vocabulary);
    }

    /** Reads the {@code tokenizer.ggml.*} vocabulary of a GGUF file. */
    public static GgufTokenizer open(Path gguf) throws IOException {
        if (!Files.isRegularFile(gguf)) {
            throw new NoSuchFileException(gguf.toString(), null, "no such tokenizer file (expected 'bytes' or a GGUF vocabulary)");
        }
        try (GgufFile f = GgufReader.open(gguf)) {
            return new GgufTokenizer(gguf.getFileName().toString(), GgufVocabulary.read(f.metadata()));
        }
    }

    /**
     * How many bytes of text a token stands for: ▁ counts as the space it decodes to (so a U+2581 typed in
     * the text, which SentencePiece cannot tell from a space, counts one byte, not three), control tokens
     * none.
     */
    private static int textBytes(TokenType type, String piece) {
        return switch (type) {
            case BYTE -> 1;
            case CONTROL, UNKNOWN -> 0;
            default -> piece.replace(SPACE, ' ').getBytes(StandardCharsets.UTF_8).length;
        };
    }

    public SentencePieceTokenizer tokenizer() {
        return tokenizer;
    }

    public GgufVocabulary vocabulary() {
        return vocabulary;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public int vocabSize() {
        return vocabulary.size();
    }

    @Override
    public int bosId() {
        return vocabulary.bosId();
    }

    @Override
    public int byteCount(int id) {
        return byteCounts[id];
    }

    @Override
    public int[] encode(String text) {
        if (tokenizer.addsSpacePrefix()) {
            return tokenizer.encode(text, false, false); // every chunk would get its own space prefix
        }
        var out = IntStream.builder();
        int start = 0;
        for (int i = 0; i < text.length(); ) {
            int cp = text.codePointAt(i);
            i += Character.charCount(cp);
            if (i - start >= CHUNK_CHARS && i < text.length() && Arrays.binarySearch(innerPairs, pair(cp, text.codePointAt(i))) < 0) {
                add(tokenizer.encode(text.substring(start, i), false, false), out);
                start = i;
            }
        }
        add(tokenizer.encode(text.substring(start), false, false), out);
        return out.build().toArray();
    }

    private static void add(int[] ids, IntStream.Builder out) {
        for (int id : ids) {
            out.add(id);
        }
    }

    /**
     * Tokenizes UTF-8 bytes; a byte that is not part of well-formed UTF-8 (a split cut through a character,
     * a stray Latin-1 byte) becomes its byte token, so the tokens always stand for exactly the input bytes.
     */
    @Override
    public int[] encode(byte[] utf8) {
        var out = IntStream.builder();
        int runStart = 0;
        int i = 0;
        while (i < utf8.length) {
            int len = Utf8Sequences.lengthAt(utf8, i);
            if (len > 0) {
                i += len;
                continue;
            }
            encodeRun(utf8, runStart, i, out);
            int b = utf8[i] & 0xFF;
            if (byteTokens[b] >= 0) {
                out.add(byteTokens[b]);
            } else {
                add(encode("\uFFFD"), out);
            }
            runStart = ++i;
        }
        encodeRun(utf8, runStart, utf8.length, out);
        return out.build().toArray();
    }

    private void encodeRun(byte[] utf8, int from, int to, IntStream.Builder out) {
        if (to > from) {
            add(encode(new String(utf8, from, to - from, StandardCharsets.UTF_8)), out);
        }
    }

    @Override
    public void writeGgufVocabulary(GgufWriter writer) {
        vocabulary.write(writer);
    }

    private static String digest(GgufVocabulary v) {
        try {
            var md = MessageDigest.getInstance("SHA-256");
            String[] tokens = v.tokens();
            float[] scores = v.scores();
            TokenType[] types = v.types();
            for (int id = 0; id < tokens.length; id++) {
                md.update(tokens[id].getBytes(StandardCharsets.UTF_8));
                md.update((byte) 0);
                md.update(Float.toString(scores[id]).getBytes(StandardCharsets.US_ASCII));
                md.update((byte) types[id].code());
            }
            md.update((v.bosId() + "," + v.eosId() + "," + v.unkId() + "," + v.padId() + "," + v.addSpacePrefix())
                    .getBytes(StandardCharsets.US_ASCII));
            return HexFormat.of().formatHex(md.digest(), 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }
}
