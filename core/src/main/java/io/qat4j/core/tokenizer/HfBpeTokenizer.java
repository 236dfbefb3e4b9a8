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
