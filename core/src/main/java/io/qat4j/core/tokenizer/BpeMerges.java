package io.qat4j.core.tokenizer;

/**
 * The ranked merge list of a Hugging Face BPE model: for a pair of token ids, its rank (earlier
 * merges apply first) and the id of the token it makes. Pairs are packed into one long key, so a
 * lookup hashes two ints instead of concatenating strings.
 */
final class BpeMerges {
    private final LongIntMap rankByPair;
    private final int[] mergedIdByRank;

    /** @param left, right, merged the ids of each merge, rank order */
    BpeMerges(int[] left, int[] right, int[] merged) {
        rankByPair = new LongIntMap(left.length);
        mergedIdByRank = merged.clone();
        for (int rank = 0; rank < left.length; rank++) {
            rankByPair.put(key(left[rank], right[rank]), rank); // a repeated pair keeps its last rank
        }
    }

    int size() {
        return mergedIdByRank.length;
    }

    /** {@link SymbolChain#pack}(rank, merged id) for the pair, or {@link SymbolChain#NO_MERGE}. */
    long lookup(int left, int right) {
        if (left < 0 || right < 0) {
            return SymbolChain.NO_MERGE;
        }
        int rank = rankByPair.get(key(left, right), -1);
        return rank < 0 ? SymbolChain.NO_MERGE : SymbolChain.pack(rank, mergedIdByRank[rank]);
    }

    private static long key(int left, int right) {
        return (long) left << 32 | right;
    }

    /** For each id below {@code size}, the rank of the first merge that makes it, or -1 when none does. */
    int[] firstRankByResult(int size) {
        int[] first = new int[size];
        java.util.Arrays.fill(first, -1);
        for (int rank = 0; rank < mergedIdByRank.length; rank++) {
            int id = mergedIdByRank[rank];
            if (id < size && first[id] < 0) {
                first[id] = rank;
            }
        }
        return first;
    }
}
