package io.qat4j.core.tokenizer;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.UnaryOperator;
import java.util.stream.IntStream;

/**
 * The BPE of a Hugging Face {@code tokenizer.json} as Gemma 3 ships it.
 *
 * <p>Encoding: added tokens are matched in the raw text first (the longest at the leftmost
 * position; special ones only when special parsing is on). Each stretch between them is normalized
 * (Gemma: spaces become {@code ▁}) and becomes one word of code points; a code point outside the
 * vocabulary becomes its UTF-8 byte tokens {@code <0xXX>} (byte fallback) or the unknown token. The
 * adjacent pair with the lowest merge rank is then merged, leftmost first on equal ranks, until no
 * pair is in the merge list.
 */
public final class HfBpeTokenizer extends VocabularyTokenizer {
    private final AddedTokenMatcher addedTokens = new AddedTokenMatcher();
    private final BpeMerges merges;
    private final UnaryOperator<String> normalizer;
    private final int[] prefixIds;
    private final int[] suffixIds;
    private final boolean byteFallback;
    private final boolean fuseUnk;
    private final boolean ignoreMerges;

    private HfBpeTokenizer(HfTokenizerJson.Parts parts) {
        super(parts.vocab(), parts.bosId(), parts.eosId(), parts.unkId(), parts.extraEndIds());
        for (var t : parts.addedTokens()) {
            addedTokens.add(t.content(), t.id(), t.special());
        }
        this.merges = parts.merges();
        this.normalizer = parts.normalizer();
        this.prefixIds = parts.prefixIds();
        this.suffixIds = parts.suffixIds();
        this.byteFallback = parts.byteFallback();
        this.fuseUnk = parts.fuseUnk();
        this.ignoreMerges = parts.ignoreMerges();
    }

    /**
     * Loads a {@code tokenizer.json}. A {@code tokenizer_config.json} beside it, when present,
     * names the BOS and end-of-turn tokens (Gemma 3's {@code eos_token} is {@code <end_of_turn>}).
     *
     * @throws TokenizerFormatException naming the file when it is truncated, malformed or unsupported
     */
    public static HfBpeTokenizer load(Path tokenizerJson) throws IOException {
        Path dir = tokenizerJson.toAbsolutePath().getParent();
        Path config = dir == null ? null : dir.resolve("tokenizer_config.json");
        return new HfBpeTokenizer(HfTokenizerJson.read(tokenizerJson,
                config != null && Files.isRegularFile(config) ? config : null));
    }

    /** Number of merges in the BPE model. */
    public int mergeCount() {
        return merges.size();
    }

    /**
     * This tokenizer as a SentencePiece vocabulary for GGUF (what {@code qat4j convert} writes), with
     * {@code size} entries: the first {@code size} ids, or all of them followed by {@code [PADn]} tokens
     * of type UNUSED when the model has more rows than the tokenizer has ids.
     *
     * <p>SentencePiece merges the adjacent pair whose joined piece has the highest score; this BPE
     * merges the pair with the lowest merge rank. Scoring each piece by minus the rank of the first
     * merge that makes it turns one order into the other; the two still differ where two pieces join
     * into a known piece although no merge lists that pair, or where a piece is made by several merges
     * (see {@link SentencePieceScores}). Pieces no merge makes score below every merge.
     */
    public SentencePieceScores toSentencePiece(int size) {
        int n = vocab.size();
        int[] firstRank = merges.firstRankByResult(n);
        String[] pieces = new String[size];
        float[] scores = new float[size];
        TokenType[] types = new TokenType[size];
        float unreachable = -(float) (merges.size() + 1);
        int orphans = 0;
        for (int id = 0; id < size; id++) {
            if (id >= n) {
                pieces[id] = "[PAD" + id + "]";
                types[id] = TokenType.UNUSED;
                scores[id] = unreachable;
                continue;
            }
            pieces[id] = vocab.piece(id);
            types[id] = vocab.type(id);
            scores[id] = firstRank[id] >= 0 ? -(float) firstRank[id] : unreachable;
            if (firstRank[id] < 0 && types[id] == TokenType.NORMAL && pieces[id].codePointCount(0, pieces[id].length()) > 1) {
                orphans++;
            }
        }
        int pad = vocab.idOf("<pad>");
        boolean spacePrefix = normalizer.apply("x").startsWith(HfTokenizerJson.SPACE_MARK);
        var v = new GgufVocabulary(pieces, scores, types, bosId < size ? bosId : -1, eosId < size ? eosId : -1,
                unkId < size ? unkId : -1, pad < size ? pad : -1, contains(prefixIds, bosId), contains(suffixIds, eosId),
                spacePrefix);
        return new SentencePieceScores(v, orphans, Math.max(0, n - size), Math.max(0, size - n));
    }

    /**
     * A vocabulary converted by {@link #toSentencePiece}.
     *
     * @param vocabulary     the GGUF vocabulary
     * @param unmergedPieces multi-character normal pieces that no merge makes (SentencePiece could still
     *                       join them where BPE would not)
     * @param droppedIds     tokenizer ids at or above the model's size, left out
     * @param paddedIds      [PADn] entries added to reach the model's size
     */
    public record SentencePieceScores(GgufVocabulary vocabulary, int unmergedPieces, int droppedIds, int paddedIds) {}

    private static boolean contains(int[] ids, int id) {
        for (int x : ids) {
            if (x == id) {
                return true;
            }
        }
        return false;
    }

    /** For tests: {@code pack(rank, mergedId)} of a pair, or {@link SymbolChain#NO_MERGE}. */
    long mergeOf(int left, int right) {
        return merges.lookup(left, right);
    }

    @Override
    public int[] encode(String text, boolean addSpecial, boolean parseSpecial) {
        var out = IntStream.builder();
        if (addSpecial) {
            for (int id : prefixIds) {
                out.add(id);
            }
        }
        var chain = new SymbolChain();
        addedTokens.split(text, parseSpecial, new AddedTokenMatcher.Sink() {
            @Override
            public void text(int start, int end) {
                encodeWord(normalizer.apply(text.substring(start, end)), chain, out);
            }

            @Override
            public void token(int id) {
                out.add(id);
            }
        });
        if (addSpecial) {
            for (int id : suffixIds) {
                out.add(id);
            }
        }
        return out.build().toArray();
    }

    private void encodeWord(String word, SymbolChain chain, IntStream.Builder out) {
        if (word.isEmpty()) {
            return;
        }
        if (ignoreMerges) {
            int whole = vocab.idOf(word);
            if (whole >= 0) {
                out.add(whole);
                return;
            }
        }
        chain.clear();
        for (int i = 0; i < word.length(); ) {
            int cp = word.codePointAt(i);
            int end = i + Character.charCount(cp);
            addSymbols(word, i, end, chain);
            i = end;
        }
        chain.mergeAll((c, left, right) -> merges.lookup(c.id(left), c.id(right)));
        for (int s = chain.first(); s >= 0; s = chain.next(s)) {
            out.add(chain.id(s));
        }
    }

    /** One code point's initial symbols: its token, else its byte tokens, else the unknown token. */
    private void addSymbols(String word, int start, int end, SymbolChain chain) {
        int id = vocab.idOf(word, start, end);
        if (id >= 0) {
            chain.add(id, start, end);
        } else if (!byteFallback || !emitBytes(word.codePointAt(start), b -> chain.add(b, start, end))) {
            int unk = requireUnknown(word.codePointAt(start));
            if (fuseUnk && chain.size() > 0 && chain.id(chain.size() - 1) == unk) {
                return; // consecutive unknowns stay one token
            }
            chain.add(unk, start, end);
        }
    }
}
