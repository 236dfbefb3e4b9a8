package io.qat4j.train.tokenizer;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.PriorityQueue;

/**
 * How often each adjacent pair of symbols occurs in the corpus (weighted by word counts), which words
 * hold it, and a max-heap to find the most frequent pair.
 *
 * <p>The heap is lazy: a merge changes the counts of a few pairs only, and each changed pair gets one
 * fresh heap entry when the merge is done ({@link #publishChanges}); entries whose count no longer
 * matches the pair's are dropped when they surface. Ties go to the smaller (left, right) id pair,
 * so the order is deterministic.
 */
final class PairTable {
    /** One pair of symbol ids (both ≥ 0). */
    static final class Pair {
        final int left;
        final int right;
        long count;
        /** Words that held the pair at some point (may repeat or be stale; callers re-check). */
        int[] words = new int[2];
        int wordCount;
        private int lastWord = -1;
        private boolean changed;
        private boolean excluded;

        Pair(int left, int right) {
            this.left = left;
            this.right = right;
        }

        long key() {
            return PairTable.key(left, right);
        }

        private void noteWord(int word) {
            if (word == lastWord) {
                return;
            }
            if (wordCount == words.length) {
                words = Arrays.copyOf(words, wordCount * 2);
            }
            words[wordCount++] = word;
            lastWord = word;
        }

        void forgetWords() {
            words = new int[0];
            wordCount = 0;
            lastWord = -1;
        }
    }

    private record Candidate(long count, long key) {}

    private final HashMap<Long, Pair> pairs = new HashMap<>();
    private final PriorityQueue<Candidate> heap = new PriorityQueue<>(
            (a, b) -> a.count != b.count ? Long.compare(b.count, a.count) : Long.compare(a.key, b.key));
    private final List<Pair> changed = new ArrayList<>();

    static long key(int left, int right) {
        return (long) left << 32 | (right & 0xFFFF_FFFFL);
    }

    /**
     * The map key of a pair: its key through a bijective mix (SplitMix64's finalizer), because
     * Long.hashCode folds (a, b) and (b, a), and most small id pairs, onto the same buckets.
     */
    private static Long mapKey(long key) {
        long z = (key ^ (key >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    /**
     * Adds {@code delta} occurrences of (left, right), found in {@code word}. Pairs with a symbol
     * outside the vocabulary (a negative id) never merge and are not counted.
     */
    void add(int left, int right, long delta, int word) {
        if (left < 0 || right < 0) {
            return;
        }
        Pair p = pairs.computeIfAbsent(mapKey(key(left, right)), k -> new Pair(left, right));
        p.count += delta;
        if (delta > 0) {
            p.noteWord(word);
        }
        if (!p.changed) {
            p.changed = true;
            changed.add(p);
        }
    }

    long count(int left, int right) {
        Pair p = pairs.get(mapKey(key(left, right)));
        return p == null ? 0 : p.count;
    }

    /** Makes the pairs changed since the last call visible to {@link #pollMostFrequent}. */
    void publishChanges() {
        for (Pair p : changed) {
            p.changed = false;
            if (p.count > 0 && !p.excluded) {
                heap.add(new Candidate(p.count, p.key()));
            }
        }
        changed.clear();
    }

    /** The most frequent pair that may still merge, or null when none is left. */
    Pair pollMostFrequent() {
        for (Candidate c; (c = heap.poll()) != null; ) {
            Pair p = pairs.get(mapKey(c.key));
            if (p.count == c.count && p.count > 0 && !p.excluded) {
                return p;
            }
        }
        return null;
    }

    /** Takes a pair out of the running for good. */
    void exclude(Pair p) {
        p.excluded = true;
        p.forgetWords();
    }
}
