package io.qat4j.train.tokenizer;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.qat4j.train.data.Corpus;
import io.qat4j.train.data.CorpusSplit;

/**
 * Learns a SentencePiece-style BPE vocabulary with byte fallback (the layout of {@link ReservedTokens},
 * then single characters, then merged pieces) from text.
 *
 * <p>Training: the text is cut into words ({@link WordSplitter}) and counted; characters seen at least
 * {@link BpeOptions#minCharCount()} times (most frequent first, as many as the vocabulary holds) become
 * the alphabet, the rest fall back to byte tokens and never merge. Then, until the vocabulary is full,
 * the most frequent adjacent pair of symbols (weighted by word counts) is merged in every word, left to
 * right. Only the words holding the pair are touched, and only the counts of the pairs around each merge
 * change ({@link PairTable}), so a merge costs about the number of its occurrences.
 *
 * <p>The vocabulary stores no merge list: a SentencePiece tokenizer joins the adjacent pair whose joined
 * text is the piece with the highest score. Each merge's piece is scored {@code -rank}, which replays
 * the merge order as long as the joined text of an adjacent pair never names an existing piece the pair
 * did not build. A merge is skipped (and counted in {@link BpeVocabulary#skippedMerges()}) when its
 * piece is longer than {@link BpeOptions#maxPieceLength()}, or could join a neighbour into a reserved
 * token's text (so {@code <0x41>} or {@code <bos>} typed in text stays text), or, on the training words,
 * when other adjacent symbols also spell it, or when it would stand beside a symbol it spells an older
 * piece with. The last two never fired in the tests (merge lists made by BPE training replay under score
 * order, on thousands of random corpora and on unseen words alike); they make "the vocabulary tokenizes
 * every training word into exactly the pieces training left it in" a guarantee rather than an observation.
 */
public final class BpeTrainer {
    /** The split name that means the whole corpus. */
    public static final String ALL = "all";

    private final BpeOptions options;

    public BpeTrainer(BpeOptions options) {
        this.options = options;
    }

    /**
     * Learns from a corpus file or folder ({@link Corpus}: UTF-8, {@code .gz} allowed), or from one of its
     * 90/5/5 splits.
     *
     * @param split {@code train}, {@code val}, {@code test} ({@link CorpusSplit}) or {@code all}
     */
    public BpeVocabulary train(Path data, String split, BpeProgress progress) throws IOException {
        byte[] corpus = Corpus.read(data);
        byte[] bytes = ALL.equals(split) ? corpus : CorpusSplit.of(corpus).part(split);
        if (bytes.length == 0) {
            throw new IllegalArgumentException(data + ": the " + split + " split holds no text to learn a vocabulary from");
        }
        return train(new String(bytes, StandardCharsets.UTF_8), progress);
    }

    /**
     * @throws IllegalArgumentException when the text is empty
     */
    public BpeVocabulary train(String text, BpeProgress progress) {
        Map<String, Long> frequencies = countWords(text);
        if (frequencies.isEmpty()) {
            throw new IllegalArgumentException("the corpus holds no text to learn a vocabulary from");
        }
        var pieces = new PieceTable();
        int alphabetSize = addAlphabet(frequencies, pieces);
        var words = new WordTable(frequencies, pieces);
        var pairs = new PairTable();
        words.countPairs(pairs);
        pairs.publishChanges();

        int target = options.vocabSize() - pieces.size();
        var merges = new ArrayList<BpeMerge>();
        int skipped = 0;
        int[] seenInStep = new int[words.size()];
        while (pieces.size() < options.vocabSize()) {
            PairTable.Pair best = pairs.pollMostFrequent();
            if (best == null) {
                break;
            }
            int z = tryMerge(best, pieces, words, pairs, seenInStep, merges.size() + 1);
            if (z < 0) {
                pairs.exclude(best);
                skipped++;
                continue;
            }
            merges.add(new BpeMerge(best.left, best.right, z));
            progress.onMerge(merges.size(), target);
        }
        return new BpeVocabulary(pieces.pieces(), alphabetSize, merges, skipped, words);
    }

    static Map<String, Long> countWords(String text) {
        var counts = new HashMap<String, Long>();
        WordSplitter.forEachWord(text, word -> counts.merge(word, 1L, Long::sum));
        return counts;
    }

    /** Adds the alphabet's characters to the pieces; returns how many. */
    private int addAlphabet(Map<String, Long> frequencies, PieceTable pieces) {
        var charCounts = new HashMap<Integer, Long>();
        frequencies.forEach((word, n) -> word.codePoints().forEach(cp -> charCounts.merge(cp, n, Long::sum)));
        List<Map.Entry<Integer, Long>> chars = new ArrayList<>(charCounts.entrySet());
        chars.sort(Map.Entry.<Integer, Long>comparingByValue(Comparator.reverseOrder())
                .thenComparing(Map.Entry.comparingByKey()));
        int room = options.vocabSize() - pieces.size();
        int added = 0;
        for (var e : chars) {
            if (added == room || e.getValue() < options.minCharCount()) {
                break;
            }
            pieces.add(Character.toString(e.getKey()));
            added++;
        }
        return added;
    }

    /**
     * Merges the pair everywhere and returns the new piece's id, or -1 (changing nothing) when the merge
     * would make the vocabulary tokenize differently from the merge sequence (see the class comment).
     */
    private int tryMerge(PairTable.Pair pair, PieceTable pieces, WordTable words, PairTable pairs, int[] seenInStep,
            int step) {
        String left = pieces.piece(pair.left);
        String joined = left + pieces.piece(pair.right);
        if (joined.codePointCount(0, joined.length()) > options.maxPieceLength() || pieces.idOf(joined) >= 0
                || spelledByOtherPairs(joined, left.length(), pieces, pairs) || canCompleteReserved(joined, pieces)) {
            return -1;
        }
        int z = pieces.add(joined);
        int[] affected = new int[pair.wordCount];
        int n = 0;
        for (int k = 0; k < pair.wordCount; k++) {
            int w = pair.words[k];
            if (seenInStep[w] != step) {
                seenInStep[w] = step;
                affected[n++] = w;
            }
        }
        for (int k = 0; k < n; k++) {
            if (words.mergeMakesForeignJoin(affected[k], pair.left, pair.right, z, pieces)) {
                pieces.removeLast();
                return -1;
            }
        }
        for (int k = 0; k < n; k++) {
            words.merge(affected[k], pair.left, pair.right, z, pairs);
        }
        pair.forgetWords();
        pairs.publishChanges();
        return z;
    }

    /** Whether adjacent symbols other than the pair's split (at {@code leftLength}) spell {@code joined}. */
    private static boolean spelledByOtherPairs(String joined, int leftLength, PieceTable pieces, PairTable pairs) {
        for (int k = Character.charCount(joined.codePointAt(0)); k < joined.length();
                k += Character.charCount(joined.codePointAt(k))) {
            if (k == leftLength) {
                continue;
            }
            int u = pieces.idOf(joined.substring(0, k));
            int v = pieces.idOf(joined.substring(k));
            if (u >= 0 && v >= 0 && pairs.count(u, v) > 0) {
                return true;
            }
        }
        return false;
    }

    /**
     * Whether the piece, beside an existing piece or any single character, would spell a reserved token
     * ({@code <0x41>}, {@code <bos>}, ...): a tokenizer would then turn that text into the token.
     */
    private static boolean canCompleteReserved(String piece, PieceTable pieces) {
        for (int id = 0; id < ReservedTokens.COUNT; id++) {
            String reserved = ReservedTokens.piece(id);
            if (reserved.length() <= piece.length()) {
                continue;
            }
            if (reserved.startsWith(piece) && isPieceOrCharacter(reserved.substring(piece.length()), pieces)) {
                return true;
            }
            if (reserved.endsWith(piece)
                    && isPieceOrCharacter(reserved.substring(0, reserved.length() - piece.length()), pieces)) {
                return true;
            }
        }
        return false;
    }

    private static boolean isPieceOrCharacter(String text, PieceTable pieces) {
        return text.codePointCount(0, text.length()) == 1 || pieces.idOf(text) >= 0;
    }
}
