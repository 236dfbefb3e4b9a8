package io.qat4j.core.tokenizer;

import java.util.Arrays;

/**
 * The shared core of both BPE flavours: a word as a linked list of symbols (a token id and the slice
 * of text it covers) and the greedy loop that repeatedly merges the best adjacent pair.
 *
 * <p>Candidate pairs wait in a binary heap of longs {@code priority << 32 | leftSymbol}, so the best
 * priority wins and, among equals, the leftmost. An entry is checked when it is popped: the pair
 * now starting at that symbol is re-evaluated and merged only if its priority is still the popped one.
 * Each merge pushes at most two new candidates, so a word of n symbols costs O(n log n).
 */
final class SymbolChain {
    /** What a rule returns for a pair that does not merge. */
    static final long NO_MERGE = Long.MAX_VALUE;
    /** Marks a merged-away symbol; real ids are at least -1. */
    private static final int DEAD = Integer.MIN_VALUE;

    /** Decides whether two adjacent symbols merge. */
    @FunctionalInterface
    interface PairRule {
        /**
         * {@code pack(priority, mergedId)} (a smaller priority merges first; it must be below
         * Integer.MAX_VALUE), or {@link #NO_MERGE}.
         */
        long evaluate(SymbolChain chain, int left, int right);
    }

    static long pack(int priority, int mergedId) {
        return (long) priority << 32 | (mergedId & 0xFFFF_FFFFL);
    }

    private int[] ids = new int[16];
    private int[] starts = new int[16];
    private int[] ends = new int[16];
    private int[] prev = new int[16];
    private int[] next = new int[16];
    private int count;
    private long[] heap = new long[16];
    private int heapSize;

    void clear() {
        count = 0;
        heapSize = 0;
    }

    int size() {
        return count;
    }

    /** Appends a symbol: a token id (or -1 for text outside the vocabulary) covering text[start, end). */
    void add(int id, int start, int end) {
        if (count == ids.length) {
            int n = count * 2;
            ids = Arrays.copyOf(ids, n);
            starts = Arrays.copyOf(starts, n);
            ends = Arrays.copyOf(ends, n);
            prev = Arrays.copyOf(prev, n);
            next = Arrays.copyOf(next, n);
        }
        ids[count] = id;
        starts[count] = start;
        ends[count] = end;
        prev[count] = count - 1;
        next[count] = -1;
        if (count > 0) {
            next[count - 1] = count;
        }
        count++;
    }

    int id(int symbol) {
        return ids[symbol];
    }

    int start(int symbol) {
        return starts[symbol];
    }

    int end(int symbol) {
        return ends[symbol];
    }

    /** The first symbol still standing (0 unless the chain is empty). */
    int first() {
        return count == 0 ? -1 : 0;
    }

    /** The symbol after this one, -1 at the end. */
    int next(int symbol) {
        return next[symbol];
    }

    /** Merges pairs by the rule until no adjacent pair merges. */
    void mergeAll(PairRule rule) {
        heapSize = 0;
        for (int i = 0; i + 1 < count; i++) {
            offer(rule, i, i + 1);
        }
        while (heapSize > 0) {
            long entry = poll();
            int left = (int) entry;
            int right = next[left];
            if (ids[left] == DEAD || right < 0) {
                continue;
            }
            long merge = rule.evaluate(this, left, right);
            if (merge == NO_MERGE || (int) (merge >> 32) != (int) (entry >> 32)) {
                continue; // stale: this pair changed since the entry was pushed
            }
            ids[left] = (int) merge;
            ends[left] = ends[right];
            int after = next[right];
            next[left] = after;
            if (after >= 0) {
                prev[after] = left;
            }
            ids[right] = DEAD;
            next[right] = -1;
            if (prev[left] >= 0) {
                offer(rule, prev[left], left);
            }
            if (after >= 0) {
                offer(rule, left, after);
            }
        }
    }

    private void offer(PairRule rule, int left, int right) {
        long merge = rule.evaluate(this, left, right);
        if (merge == NO_MERGE) {
            return;
        }
        if (heapSize == heap.length) {
            heap = Arrays.copyOf(heap, heapSize * 2);
        }
        long entry = (merge >> 32) << 32 | left;
        int i = heapSize++;
        while (i > 0) {
            int parent = (i - 1) >>> 1;
            if (heap[parent] <= entry) {
                break;
            }
            heap[i] = heap[parent];
            i = parent;
        }
        heap[i] = entry;
    }

    private long poll() {
        long top = heap[0];
        long last = heap[--heapSize];
        int i = 0;
        int half = heapSize >>> 1;
        while (i < half) {
            int child = 2 * i + 1;
            if (child + 1 < heapSize && heap[child + 1] < heap[child]) {
                child++;
            }
            if (last <= heap[child]) {
                break;
            }
            heap[i] = heap[child];
            i = child;
        }
        heap[i] = last;
        return top;
    }
}
