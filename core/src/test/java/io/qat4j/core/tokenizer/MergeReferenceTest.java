package io.qat4j.core.tokenizer;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * The heap-driven merge loop against plain quadratic references that rescan every pair after each
 * merge: same ids for random text on both golden vocabularies.
 */
class MergeReferenceTest {

    /** SentencePiece: merge the pair whose joined text is the highest-scoring piece, leftmost on ties. */
    static int[] referenceSentencePiece(SentencePieceTokenizer tok, String text) {
        List<String> symbols = new ArrayList<>();
        text.replace(' ', '\u2581').codePoints().forEach(cp -> symbols.add(Character.toString(cp)));
        while (true) {
            int best = -1;
            float bestScore = Float.NEGATIVE_INFINITY;
            for (int i = 0; i + 1 < symbols.size(); i++) {
                var id = tok.idOf(symbols.get(i) + symbols.get(i + 1));
                if (id.isPresent() && (best < 0 || tok.score(id.getAsInt()) > bestScore)) {
                    best = i;
                    bestScore = tok.score(id.getAsInt());
                }
            }
            if (best < 0) {
                break;
            }
            symbols.set(best, symbols.get(best) + symbols.remove(best + 1));
        }
        var out = new ArrayList<Integer>();
        for (String s : symbols) {
            var id = tok.idOf(s);
            if (id.isPresent()) {
                out.add(id.getAsInt());
            } else {
                for (byte b : s.getBytes(StandardCharsets.UTF_8)) {
                    out.add(tok.idOf(String.format("<0x%02X>", b & 0xFF)).getAsInt());
                }
            }
        }
        return out.stream().mapToInt(Integer::intValue).toArray();
    }

    /** Hugging Face BPE: merge the pair with the lowest rank, leftmost on ties. */
    static int[] referenceHf(HfBpeTokenizer tok, String text) {
        List<Integer> symbols = new ArrayList<>();
        text.replace(' ', '\u2581').codePoints().forEach(cp -> {
            var id = tok.idOf(Character.toString(cp));
            if (id.isPresent()) {
                symbols.add(id.getAsInt());
            } else {
                for (byte b : Character.toString(cp).getBytes(StandardCharsets.UTF_8)) {
                    symbols.add(tok.idOf(String.format("<0x%02X>", b & 0xFF)).getAsInt());
                }
            }
        });
        while (true) {
            int best = -1;
            long bestMerge = SymbolChain.NO_MERGE;
            for (int i = 0; i + 1 < symbols.size(); i++) {
                long m = tok.mergeOf(symbols.get(i), symbols.get(i + 1));
                if (m != SymbolChain.NO_MERGE && (best < 0 || (m >> 32) < (bestMerge >> 32))) {
                    best = i;
                    bestMerge = m;
                }
            }
            if (best < 0) {
                break;
            }
            symbols.remove(best + 1);
            symbols.set(best, (int) bestMerge);
        }
        return symbols.stream().mapToInt(Integer::intValue).toArray();
    }

    @Provide
    Arbitrary<String> tinyText() {
        // The tiny vocabulary's letters, a space, and characters it lacks (byte fallback).
        return TextArbitraries.plainText("helowrdtinygmasbcfu HWé🙂", 120);
    }

    @Provide
    Arbitrary<String> gemmaText() {
        // Frequent letters so long merges form, digits, accents, CJK, emoji, private use (byte fallback).
        return TextArbitraries.plainText("etaoinshrdlcumwfgypbvkjxqz ETAOIN0123456789.,'-éüßñ中文日本語한국😀\uE000\uDBFF\uDFFD", 200);
    }

    @Property(tries = 300)
    void sentencePieceMatchesTheQuadraticReference(@ForAll("tinyText") String text) {
        var tok = GoldenTokenizers.tiny();
        assertThat(tok.encode(text, false, false)).containsExactly(referenceSentencePiece(tok, text));
    }

    @Property(tries = 200)
    void hfBpeMatchesTheQuadraticReference(@ForAll("gemmaText") String text) {
        var tok = GoldenTokenizers.gemma3();
        assertThat(tok.encode(text, false, false)).containsExactly(referenceHf(tok, text));
    }
}
