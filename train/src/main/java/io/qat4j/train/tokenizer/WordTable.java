package io.qat4j.train.tokenizer;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Map;
import java.util.stream.IntStream;

/**
 * The distinct words of the corpus, how often each occurs, and each one's current symbols (see
 * {@link PieceTable} for what a symbol is). Words are kept in string order so that training is
 * deterministic.
 */
final class WordTable {
    private final String[] words;
    private final long[] counts;
    private final int[][] symbols;
    private final int[] lengths;

    /**
     * @param frequencies word → occurrences
     * @param alphabet    the pieces of the single characters in the vocabulary
     */
    WordTable(Map<String, Long> frequencies, PieceTable alphabet) {
        words = frequencies.keySet().toArray(String[]::new);
        Arrays.sort(words);
        counts = new long[words.length];
        symbols = new int[words.length][];
        lengths = new int[words.length];
        for (int w = 0; w < words.length; w++) {
            counts[w] = frequencies.get(words[w]);
            symbols[w] = words[w].codePoints().map(cp -> {
                int id = alphabet.idOf(Character.toString(cp));
                return id >= ReservedTokens.COUNT ? id : PieceTable.outsideSymbol(cp);
            }).toArray();
            lengths[w] = symbols[w].length;
        }
    }

    int size() {
        return words.length;
    }

    String word(int w) {
        return words[w];
    }

    long count(int w) {
        return counts[w];
    }

    /** Counts every adjacent pair of every word. */
    void countPairs(PairTable pairs) {
        for (int w = 0; w < words.length; w++) {
            for (int i = 0; i + 1 < lengths[w]; i++) {
                pairs.add(symbols[w][i], symbols[w][i + 1], counts[w], w);
            }
        }
    }

    /**
     * Whether merging (x, y) into z left to right puts z beside a symbol it joins with into an
     * existing piece, at any moment of the merge. A score-driven tokenizer would make that join at once
     * (older pieces score higher), where BPE, knowing only the rule that built each piece, would not.
     */
    boolean mergeMakesForeignJoin(int w, int x, int y, int z, PieceTable pieces) {
        int[] s = symbols[w];
        int n = lengths[w];
        int last = 0;
        boolean hasLast = false;
        for (int i = 0; i < n; ) {
            if (i + 1 < n && s[i] == x && s[i + 1] == y) {
                if ((hasLast && pieces.joins(last, z)) || (i + 2 < n && pieces.joins(z, s[i + 2]))) {
                    return true;
                }
                last = z;
                i += 2;
            } else {
                last = s[i++];
            }
            hasLast = true;
        }
        return false;
    }

    /** Merges every (x, y) of word w into z, left to right, and updates the pair counts around each merge. */
    void merge(int w, int x, int y, int z, PairTable pairs) {
        int[] s = symbols[w];
        int n = lengths[w];
        long c = counts[w];
        int out = 0;
        for (int i = 0; i < n; ) {
            if (i + 1 < n && s[i] == x && s[i + 1] == y) {
                if (out > 0) {
                    pairs.add(s[out - 1], x, -c, w);
                    pairs.add(s[out - 1], z, c, w);
                }
                if (i + 2 < n) {
                    pairs.add(y, s[i + 2], -c, w);
                    pairs.add(z, s[i + 2], c, w);
                }
                pairs.add(x, y, -c, w);
                s[out++] = z;
                i += 2;
            } else {
                s[out++] = s[i++];
            }
        }
        lengths[w] = out;
    }

    /** Word w's tokens as it stands: its pieces, and the byte tokens of characters outside the vocabulary. */
    int[] tokens(int w) {
        var out = IntStream.builder();
        for (int i = 0; i < lengths[w]; i++) {
            int s = symbols[w][i];
            if (s >= 0) {
                out.add(s);
            } else {
                for (byte b : Character.toString(PieceTable.codePointOf(s)).getBytes(StandardCharsets.UTF_8)) {
                    out.add(ReservedTokens.byteToken(b));
                }
            }
        }
        return out.build().toArray();
    }
}
