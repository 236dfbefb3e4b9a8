package io.qat4j.core.tokenizer;

import java.util.Arrays;

/**
 * Text-to-id lookup over vocabulary pieces that can probe a slice of any char sequence, or the
 * concatenation of two, without building a string: the merge loops probe millions of slices, and a
 * tokenizer.json's half a million merges are resolved straight from the JSON parser's buffer.
 * When two entries share a text, the first one added wins.
 */
final class PieceIndex {
    private static final long EMPTY = -1L;

    private final String[] pieces;
    private final int[] ids;
    /**
     * Open addressing over {@code mixedHash << 32 | entry}: keeping the hash beside the entry lets a
     * probe skip non-matching pieces without touching their strings.
     */
    private final long[] table;
    private final int mask;

    /**
     * Indexes the first {@code count} pieces; {@code ids[i]} is the id of {@code pieces[i]}, or,
     * when {@code ids} is null, the id is the position.
     */
    PieceIndex(String[] pieces, int[] ids, int count) {
        this.pieces = pieces;
        this.ids = ids;
        int capacity = Integer.highestOneBit(Math.max(4, count * 2 - 1)) << 1;
        table = new long[capacity];
        Arrays.fill(table, EMPTY);
        mask = capacity - 1;
        for (int entry = 0; entry < count; entry++) {
            insert(entry);
        }
    }

    /** The id whose piece is {@code text}, or -1. */
    int idOf(String text) {
        return find(mix(text.hashCode()), text, 0, text.length(), "", 0, 0);
    }

    /** The id whose piece equals {@code text[from, to)}, or -1. */
    int idOf(CharSequence text, int from, int to) {
        return find(mix(hash(0, text, from, to)), text, from, to, "", 0, 0);
    }

    /** The id whose piece is {@code a[aFrom, aTo) + b[bFrom, bTo)}, or -1. */
    int idOfConcat(CharSequence a, int aFrom, int aTo, CharSequence b, int bFrom, int bTo) {
        return find(mix(hash(hash(0, a, aFrom, aTo), b, bFrom, bTo)), a, aFrom, aTo, b, bFrom, bTo);
    }

    private int find(int h, CharSequence a, int aFrom, int aTo, CharSequence b, int bFrom, int bTo) {
        int aLen = aTo - aFrom;
        int len = aLen + bTo - bFrom;
        for (int i = h & mask; ; i = (i + 1) & mask) {
            long e = table[i];
            if (e == EMPTY) {
                return -1;
            }
            int entry = (int) e;
            if ((int) (e >>> 32) == h) {
                String p = pieces[entry];
                if (p.length() == len && regionEquals(p, 0, a, aFrom, aLen) && regionEquals(p, aLen, b, bFrom, len - aLen)) {
                    return ids == null ? entry : ids[entry];
                }
            }
        }
    }

    private static boolean regionEquals(String p, int at, CharSequence s, int from, int len) {
        for (int k = 0; k < len; k++) {
            if (p.charAt(at + k) != s.charAt(from + k)) {
                return false;
            }
        }
        return true;
    }

    private void insert(int entry) {
        String p = pieces[entry];
        int h = mix(p.hashCode());
        for (int i = h & mask; ; i = (i + 1) & mask) {
            long e = table[i];
            if (e == EMPTY) {
                table[i] = (long) h << 32 | entry;
                return;
            }
            if ((int) (e >>> 32) == h && pieces[(int) e].equals(p)) {
                return;
            }
        }
    }

    /** Continues String.hashCode's polynomial over a slice (so whole strings can use their cached hash). */
    private static int hash(int h, CharSequence s, int from, int to) {
        for (int i = from; i < to; i++) {
            h = 31 * h + s.charAt(i);
        }
        return h;
    }

    /** murmur3's finalizer: String hashes of similar pieces differ mostly in their low bits. */
    private static int mix(int h) {
        h ^= h >>> 16;
        h *= 0x85ebca6b;
        h ^= h >>> 13;
        h *= 0xc2b2ae35;
        return h ^ h >>> 16;
    }
}
